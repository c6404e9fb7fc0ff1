// Real Chromium: the MV3 service worker is stopped mid-session (CDP) and woken again; no time is lost or counted twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import {
  APP_URL,
  configureAndConnect,
  countingApp,
  measuredSeconds,
  OTHER_URL,
  readStorage,
  type Session,
  spend,
  startSession,
} from './support/extension-session.ts';

/**
 * The stop lasts well under the gap rule (tick 60 s + slack 30 s), so all of it must count, once. The stretch starts
 * when the test sees the tracker counting (polled, ~0.1-0.3 s after the extension's own stamp) and ends with the
 * navigation away (the extension's stamp is up to ~0.3 s earlier than the test's mark after goto returns); the day
 * total is whole seconds (< 1 s lost). 2 s. Counting twice would add ~4 s or more; losing the stop, ~5 s.
 */
const TOLERANCE_SECONDS = 2;

let session: Session;

beforeAll(async () => {
  session = await startSession();
  await configureAndConnect(session, { userEmail: 'restart@example.com' });
});
afterAll(async () => session?.close());

it('keeps counting across a stopped and restarted service worker, exactly once', async () => {
  const { context, extensionId } = session.browser;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(OTHER_URL);
  await page.bringToFront();
  const before = await measuredSeconds(session, 'slack');
  const visitsBefore = await slackVisits();

  await page.goto(APP_URL);
  await waitFor('Slack to count', async () => (await countingApp(session)) === 'slack');
  const started = Date.now();
  await spend(4);

  // Chromium reports the worker's running status through the ServiceWorker domain of a page session.
  const cdp = await context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor('the service worker to stop', () => statuses.at(-1) === 'stopped', { timeoutMs: 10_000 });
  await spend(5); // nothing of the extension runs now

  // The person keeps working in the app: a same-app URL change is an event that wakes the worker.
  await page.evaluate(() => history.pushState({}, '', '/client/C0123'));
  await waitFor('the service worker to start again', () => statuses.at(-1) === 'running', { timeoutMs: 10_000 });
  await cdp.detach();
  expect(await countingApp(session)).toBe('slack');
  await spend(4);
  await page.goto(OTHER_URL);
  const spent = (Date.now() - started) / 1000;

  const measured = (await measuredSeconds(session, 'slack')) - before;
  console.log(
    `[e2e] worker restart: ${measured} s measured for ${spent.toFixed(1)} s spent on the app ` +
      '(worker stopped for ~5 s of it)',
  );
  expect(Math.abs(measured - spent)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
  // The restart continued the visit rather than starting a second one.
  expect((await slackVisits()) - visitsBefore).toBe(1);
});

async function slackVisits(): Promise<number> {
  const totals = (await readStorage<Record<string, { visits: number }>>(session, 'totals')) ?? {};
  return Object.entries(totals)
    .filter(([key]) => key.endsWith('|slack'))
    .reduce((sum, [, t]) => sum + t.visits, 0);
}
