// Real Firefox ESR, headed on Xvfb with the idle interval at its 15 s minimum: the person opens Slack while active,
// stops giving input, and only the time up to the idle threshold counts, as in the Chromium idle test.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import {
  FIREFOX_POLICIES,
  type FirefoxWithAddon,
  launchFirefoxWithAddon,
  writeFirefoxPolicy,
} from './support/firefox.ts';
import { type SaasSites, startSaasSites } from './support/saas-sites.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';
import { markUserActivity } from './support/x-activity.ts';
import { type Display, ensureDisplay } from './support/xvfb.ts';

const PERSON = 'katherine.johnson@example.com';
const IDLE_SECONDS = 15;
/** Input keeps coming for this long after Slack opens, then stops. */
const ACTIVE_SECONDS = 5;
/** Time on Slack after the last input: well past the idle threshold. */
const AFTER_INPUT_SECONDS = IDLE_SECONDS + 12;

let seatwise: SeatwiseProcess;
let sites: SaasSites;
let api: ApiClient;
let display: Display;
let firefox: FirefoxWithAddon | undefined;
let wrotePolicy = false;

beforeAll(async () => {
  expect(process.getuid?.(), `this suite writes ${FIREFOX_POLICIES} and needs root`).toBe(0);
  seatwise = await startSeatwise();
  sites = await startSaasSites();
  display = await ensureDisplay();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { token } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'firefox idle e2e' });
  writeFirefoxPolicy({
    serverUrl: seatwise.url,
    enrollmentToken: token,
    userEmail: PERSON,
    uploadIntervalMinutes: 1,
    idleSeconds: IDLE_SECONDS,
  });
  wrotePolicy = true;
  firefox = await launchFirefoxWithAddon({
    sitesPort: sites.port,
    hosts: /^([a-z0-9-]+\.)*(slack\.com|example\.org)$/,
    display: display.display,
  });
});

afterAll(async () => {
  await firefox?.close();
  if (wrotePolicy) rmSync(FIREFOX_POLICIES, { force: true });
  await sites?.stop();
  await display?.stop();
  await seatwise?.stop();
});

const seconds = (ms: number) => new Promise((done) => setTimeout(done, ms));

it('counts Slack until the person has been idle for the interval, and not after', async () => {
  await waitFor(
    'the add-on to enroll with the policy settings',
    async () => {
      const { devices } = await api.get<{ devices: { email: string }[] }>('/api/v1/devices');
      return devices.some((d) => d.email === PERSON);
    },
    { timeoutMs: 60_000 },
  );
  const page = await firefox!.browser.newPage();
  // Xvfb has had no input since it started: be active for a while first, so Firefox has seen the person return.
  for (let i = 0; i < 8; i++) {
    await markUserActivity(display.display);
    await seconds(1000);
  }
  await page.goto('https://acme.slack.com/client');
  const opened = Date.now();
  let lastInput = Date.now();
  while (Date.now() - opened < ACTIVE_SECONDS * 1000) {
    await markUserActivity(display.display);
    lastInput = Date.now();
    await seconds(500);
  }
  // Real time passing is the point: the person has stopped, and the idle threshold is still to come.
  await seconds(AFTER_INPUT_SECONDS * 1000);
  await page.goto('https://www.example.org/');
  const onSlack = (Date.now() - opened) / 1000;
  const activeSpent = (lastInput - opened) / 1000 + IDLE_SECONDS;

  const usage = await waitFor(
    'Slack usage to reach the server',
    async () => {
      const rows = await api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${PERSON}`);
      return rows.find((row) => row.appId === 'slack' && row.activeSeconds > 0);
    },
    { timeoutMs: 150_000 },
  );
  console.log(
    `[e2e] Firefox, idle: ${usage.activeSeconds} s measured for ${activeSpent.toFixed(1)} s from opening Slack to ` +
      `the idle threshold after the last input (${onSlack.toFixed(1)} s on Slack)`,
  );
  expect(Math.abs(usage.activeSeconds - activeSpent)).toBeLessThanOrEqual(2);
}, 300_000);
