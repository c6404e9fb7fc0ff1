// Real Chromium, headed on Xvfb, idle interval 15 s: after 15 s without input the app stops counting; input resumes it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import {
  APP_URL,
  configureAndConnect,
  countingApp,
  liveWorker,
  measuredSeconds,
  type Session,
  spend,
  startSession,
} from './support/extension-session.ts';
import { markUserActivity } from './support/x-activity.ts';

declare const chrome: any;

const IDLE_SECONDS = 15;
/**
 * The person is active from their input until IDLE_SECONDS later, so that is the time that should count.
 * Chromium polls the idle state once a second, so both "active again" and "idle" reach the extension up to ~1 s
 * late (the two delays mostly cancel), and the day total is whole seconds (< 1 s lost): 2 s.
 */
const TOLERANCE_SECONDS = 2;

let session: Session;

beforeAll(async () => {
  session = await startSession();
  await configureAndConnect(session, { userEmail: 'idle@example.com', idleSeconds: IDLE_SECONDS });
});
afterAll(async () => session?.close());

it('stops counting once the person has been idle for the interval, and starts again on input', async () => {
  const { context, extensionId } = session.browser;
  const worker = await liveWorker(context, extensionId);
  expect(await worker.evaluate(async () => (await chrome.storage.local.get('config')).config.idleSeconds)).toBe(
    IDLE_SECONDS,
  );

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(APP_URL);
  await page.bringToFront();
  // Xvfb has had no input since it started, so the person starts out idle and nothing counts.
  await waitFor('the idle state to be seen', async () => (await countingApp(session)) === null, { timeoutMs: 30_000 });
  const before = await measuredSeconds(session, 'slack');

  const lastInput = Date.now();
  await markUserActivity(session.display.display);
  await waitFor('counting to start on input', async () => (await countingApp(session)) === 'slack', {
    timeoutMs: 10_000,
  });
  const started = Date.now();
  const toolbarTitle = () => worker.evaluate(() => chrome.action.getTitle({}));
  expect(await toolbarTitle()).toBe('Seatwise is measuring your time on Slack.');
  // Real time passing is the point: wait, bounded, until the idle interval stops the counting.
  await waitFor('counting to stop when idle', async () => (await countingApp(session)) === null, {
    timeoutMs: (IDLE_SECONDS + 10) * 1000,
    intervalMs: 250,
  });
  await waitFor('the toolbar to say it is paused', async () => (await toolbarTitle()).includes('paused'), {
    timeoutMs: 5_000,
  });
  expect(await toolbarTitle()).toBe('Seatwise is paused while you are away.');
  await spend(6); // idle with the app focused: none of this counts
  const activeSpent = IDLE_SECONDS; // from the input at `lastInput` to the idle threshold
  const measured = (await measuredSeconds(session, 'slack')) - before;
  console.log(
    `[e2e] idle: ${measured} s measured for ${activeSpent} s between input and the idle threshold ` +
      `(counting seen ${((started - lastInput) / 1000).toFixed(1)} s after input; ` +
      `${((Date.now() - lastInput) / 1000).toFixed(1)} s on the app)`,
  );
  expect(Math.abs(measured - activeSpent)).toBeLessThanOrEqual(TOLERANCE_SECONDS);

  await markUserActivity(session.display.display);
  await waitFor('counting to resume on input', async () => (await countingApp(session)) === 'slack', {
    timeoutMs: 10_000,
  });
});
