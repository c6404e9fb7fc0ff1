// Real Firefox ESR: the add-on, configured by policies.json as IT deploys it, enrolls the person, measures the
// seconds spent on a catalog app under its real host name within the Chromium suite's tolerance, and keeps what is
// measured while the server is down until it is back, delivering it once.
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

const PERSON = 'mary.jackson@example.com';
/** Seconds of browsing; long enough that a rounding second either side is a small share of it. */
const BROWSE_SECONDS = 10;
/** As in the Chromium suite: whole seconds at each end of the segment, and events a few hundred ms late. */
const TOLERANCE_SECONDS = 2;
/** How long the server stays down: more than one upload interval. */
const OUTAGE_SECONDS = 75;

let seatwise: SeatwiseProcess;
let sites: SaasSites;
let api: ApiClient;
let firefox: FirefoxWithAddon | undefined;
let wrotePolicy = false;

beforeAll(async () => {
  expect(process.getuid?.(), `this suite writes ${FIREFOX_POLICIES} and needs root`).toBe(0);
  seatwise = await startSeatwise();
  sites = await startSaasSites();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { token } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'firefox e2e' });
  writeFirefoxPolicy({
    serverUrl: seatwise.url,
    enrollmentToken: token,
    userEmail: PERSON,
    uploadIntervalMinutes: 1,
    // Headless Firefox sees no input at all, so after the default minute the system would count as idle and nothing
    // would be measured; an hour keeps idle out of these scenarios (firefox-idle.test.ts runs headed on Xvfb).
    idleSeconds: 3600,
  });
  wrotePolicy = true;
  firefox = await launchFirefoxWithAddon({
    sitesPort: sites.port,
    hosts: /^([a-z0-9-]+\.)*(slack\.com|example\.org)$/,
  });
});

afterAll(async () => {
  await firefox?.close();
  if (wrotePolicy) rmSync(FIREFOX_POLICIES, { force: true });
  await sites?.stop();
  await seatwise?.stop();
});

it('enrolls from the policy and measures the seconds spent on Slack', async () => {
  const device = await waitFor(
    'the add-on to enroll with the policy settings',
    async () => {
      const { devices } = await api.get<{ devices: { email: string; browser: string }[] }>('/api/v1/devices');
      return devices.find((d) => d.email === PERSON);
    },
    { timeoutMs: 60_000 },
  );
  expect(device.browser).toBe('firefox');

  const page = await firefox!.browser.newPage();
  await page.goto('https://acme.slack.com/client');
  const started = Date.now();
  // The person's browsing time is the input being measured, so here the test really does spend it.
  await new Promise((done) => setTimeout(done, BROWSE_SECONDS * 1000));
  await page.goto('https://www.example.org/');
  const spentSeconds = (Date.now() - started) / 1000;
  expect(firefox!.proxy.tunnels).toContain('acme.slack.com');

  // Uploads run every minute by policy; there is no popup button to press here (see the note on Firefox).
  const usage = await waitFor(
    'Slack usage to reach the server',
    async () => {
      const rows = await api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${PERSON}`);
      return rows.find((row) => row.appId === 'slack' && row.activeSeconds > 0);
    },
    { timeoutMs: 150_000 },
  );
  console.log(`[e2e] Firefox, Slack: ${usage.activeSeconds} s measured for ${spentSeconds.toFixed(1)} s spent`);
  expect(Math.abs(usage.activeSeconds - spentSeconds)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
  const everything = await api.get<{ appId: string }[]>(`/api/v1/usage?email=${PERSON}`);
  expect(everything.map((row) => row.appId)).toEqual(['slack']);
});

/** The person's Slack seconds for today as the server holds them. */
async function serverSlackSeconds(): Promise<number> {
  const rows = await api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${PERSON}`);
  return rows.find((row) => row.appId === 'slack')?.activeSeconds ?? 0;
}

async function lastSeen(): Promise<string | null> {
  const { devices } = await api.get<{ devices: { email: string; lastSeenAt: string | null }[] }>('/api/v1/devices');
  return devices.find((d) => d.email === PERSON)?.lastSeenAt ?? null;
}

it('keeps the time worked while the server is down and delivers it once when it is back', async () => {
  const before = await waitFor('the first measurement on the server', async () => (await serverSlackSeconds()) || null);
  const port = Number(new URL(seatwise.url).port);
  const { dbPath } = seatwise;
  await seatwise.stop({ keepData: true });

  const page = await firefox!.browser.newPage();
  await page.goto('https://acme.slack.com/client');
  const started = Date.now();
  await new Promise((done) => setTimeout(done, BROWSE_SECONDS * 1000));
  await page.goto('https://www.example.org/');
  const spentSeconds = (Date.now() - started) / 1000;
  // The outage outlasts one upload interval (a minute, by policy), so an upload fails while the server is down.
  await new Promise((done) => setTimeout(done, OUTAGE_SECONDS * 1000 - (Date.now() - started)));

  seatwise = await startSeatwise({}, { dbPath, port });
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const after = await waitFor(
    'the seconds worked during the outage to arrive',
    async () => {
      const seconds = await serverSlackSeconds();
      return seconds > before ? seconds : null;
    },
    { timeoutMs: 180_000 },
  );
  const delivered = after - before;
  console.log(
    `[e2e] Firefox, outage: ${delivered} s delivered after the outage for ${spentSeconds.toFixed(1)} s spent ` +
      `during it (${before} s before it)`,
  );
  expect(Math.abs(delivered - spentSeconds)).toBeLessThanOrEqual(TOLERANCE_SECONDS);

  // The next upload (a heartbeat with nothing new) must not count the outage's seconds again.
  const seen = await lastSeen();
  await waitFor('the next upload after the recovery', async () => ((await lastSeen()) ?? '') > (seen ?? ''), {
    timeoutMs: 150_000,
  });
  expect(await serverSlackSeconds()).toBe(after);
  // The outage, the extension's backoff after its failed uploads, and one more upload interval: minutes, not seconds.
}, 420_000);
