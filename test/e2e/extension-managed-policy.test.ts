// Real Chromium with a managed policy file (as IT deploys it on Linux): the extension configures itself from policy,
// reports the bad policy value by name, shows where each value came from, and measures time for the policy's person.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import {
  APP_URL,
  countingApp,
  measuredSeconds,
  OTHER_URL,
  type Session,
  serverSeconds,
  spend,
  startSession,
  waitForConnected,
} from './support/extension-session.ts';
import { type ManagedPolicy, writeExtensionPolicy } from './support/managed-policy.ts';

const PERSON = 'policy.person@example.com';
/** One stretch on the app: navigation stamps vs the test's marks (~0.3 s) and whole-second rounding (< 1 s): 2 s. */
const TOLERANCE_SECONDS = 2;

let session: Session;
let policy: ManagedPolicy | undefined;

beforeAll(async () => {
  expect(process.getuid?.(), 'the managed policy test writes /etc/chromium/policies/managed and needs root').toBe(0);
  session = await startSession({
    beforeLaunch: async ({ seatwise, enrollmentToken }) => {
      policy = writeExtensionPolicy({
        serverUrl: seatwise.url,
        enrollmentToken,
        userEmail: PERSON,
        // Idleness is not this test's subject: nothing types on the virtual display.
        idleSeconds: 3600,
        // Out of bounds on purpose: the person must see which value is wrong and what is used instead.
        uploadIntervalMinutes: 0,
      });
    },
  });
});
afterAll(async () => {
  policy?.remove();
  await session?.close();
});

it('configures itself from the managed policy, names the bad value, and measures the time', async () => {
  const { context, extensionId } = session.browser;
  // No options page visit: the policy alone enrolls the browser.
  await waitForConnected(session);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const source = (key: string) => options.locator(`#config-sources tr[data-key="${key}"]`).getAttribute('data-source');
  await options.locator('#config-sources tr[data-key="serverUrl"]').waitFor();
  expect(await source('serverUrl')).toBe('policy');
  expect(await source('enrollmentToken')).toBe('policy');
  expect(await source('userEmail')).toBe('policy');
  expect(await source('idleSeconds')).toBe('policy');
  expect(await source('uploadIntervalMinutes')).toBe('default');
  expect(await options.locator('#serverUrl').evaluate((input: HTMLInputElement) => input.readOnly)).toBe(true);
  expect(await options.locator('#userEmail').inputValue()).toBe(PERSON);
  expect(await options.locator('#config-problems').innerText()).toContain(
    'uploadIntervalMinutes 0 from policy is below 1; using 5.',
  );
  await options.close();

  const page = context.pages()[0] ?? (await context.newPage());
  await page.bringToFront();
  await page.goto(APP_URL);
  await waitFor('Slack to count', async () => (await countingApp(session)) === 'slack');
  const started = Date.now();
  await spend(6);
  await page.goto(OTHER_URL);
  const spent = (Date.now() - started) / 1000;

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // The popup fills in its problems once it has read the configuration: wait for the text, not for the page load.
  const problems = popup.locator('#config-problems', {
    hasText: 'uploadIntervalMinutes 0 from policy is below 1; using 5.',
  });
  await problems.waitFor({ timeout: 15_000 });
  expect(await problems.innerText()).toContain('uploadIntervalMinutes 0 from policy is below 1; using 5.');
  await popup.click('#upload-now');
  await popup.locator('#upload-result', { hasText: 'Uploaded' }).waitFor({ timeout: 30_000 });
  expect(await popup.locator('#week-totals tr[data-app-id="slack"] [data-seconds]').getAttribute('data-seconds')).toBe(
    String(await measuredSeconds(session, 'slack')),
  );

  const onServer = await serverSeconds(session, PERSON, 'slack');
  console.log(`[e2e] managed policy: server ${onServer} s for ${spent.toFixed(1)} s spent`);
  expect(onServer).toBe(await measuredSeconds(session, 'slack'));
  expect(Math.abs(onServer - spent)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
});
