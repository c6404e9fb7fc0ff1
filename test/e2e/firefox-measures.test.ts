// Real Firefox ESR: the add-on, configured by policies.json as IT deploys it, enrolls the person, measures the
// seconds spent on a catalog app under its real host name within the Chromium suite's tolerance, and keeps what is
// measured while the server is down until it is back, delivering it once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import { FirefoxScenario } from './support/firefox-scenario.ts';
import { startSeatwise } from './support/seatwise-process.ts';

const PERSON = 'mary.jackson@example.com';
/** Seconds of browsing; long enough that a rounding second either side is a small share of it. */
const BROWSE_SECONDS = 10;
/** As in the Chromium suite: whole seconds at each end of the segment, and events a few hundred ms late. */
const TOLERANCE_SECONDS = 2;
/** How long the server stays down: more than one upload interval. */
const OUTAGE_SECONDS = 75;

// Headless Firefox sees no input at all, so after the default minute the system would count as idle and nothing would
// be measured; an hour keeps idle out of these scenarios (firefox-idle.test.ts runs headed on Xvfb).
const scenario = new FirefoxScenario();
beforeAll(() => scenario.start({ person: PERSON, label: 'firefox e2e', idleSeconds: 3600 }));
afterAll(() => scenario.stop());

it('enrolls from the policy and measures the seconds spent on Slack', async () => {
  const device = await scenario.enrolledDevice(PERSON, 60_000);
  expect(device.browser).toBe('firefox');
  const { api, firefox } = scenario;

  const page = await firefox.browser.newPage();
  await page.goto('https://acme.slack.com/client');
  const started = Date.now();
  // The person's browsing time is the input being measured, so here the test really does spend it.
  await new Promise((done) => setTimeout(done, BROWSE_SECONDS * 1000));
  await page.goto('https://www.example.org/');
  const spentSeconds = (Date.now() - started) / 1000;
  expect(firefox.proxy.tunnels).toContain('acme.slack.com');

  // Uploads run every minute by policy; there is no popup button to press here (see the note on Firefox).
  const usage = await scenario.firstSlackUsage(PERSON);
  console.log(`[e2e] Firefox, Slack: ${usage.activeSeconds} s measured for ${spentSeconds.toFixed(1)} s spent`);
  expect(Math.abs(usage.activeSeconds - spentSeconds)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
  const everything = await api.get<{ appId: string }[]>(`/api/v1/usage?email=${PERSON}`);
  expect(everything.map((row) => row.appId)).toEqual(['slack']);
});

/** The person's Slack seconds for today as the server holds them. */
async function serverSlackSeconds(): Promise<number> {
  const rows = await scenario.api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${PERSON}`);
  return rows.find((row) => row.appId === 'slack')?.activeSeconds ?? 0;
}

async function lastSeen(): Promise<string | null> {
  const { devices } = await scenario.api.get<{ devices: { email: string; lastSeenAt: string | null }[] }>(
    '/api/v1/devices',
  );
  return devices.find((d) => d.email === PERSON)?.lastSeenAt ?? null;
}

it('keeps the time worked while the server is down and delivers it once when it is back', async () => {
  const before = await waitFor('the first measurement on the server', async () => (await serverSlackSeconds()) || null);
  const port = Number(new URL(scenario.seatwise.url).port);
  const { dbPath } = scenario.seatwise;
  await scenario.seatwise.stop({ keepData: true });

  const page = await scenario.firefox.browser.newPage();
  await page.goto('https://acme.slack.com/client');
  const started = Date.now();
  await new Promise((done) => setTimeout(done, BROWSE_SECONDS * 1000));
  await page.goto('https://www.example.org/');
  const spentSeconds = (Date.now() - started) / 1000;
  // The outage outlasts one upload interval (a minute, by policy), so an upload fails while the server is down.
  await new Promise((done) => setTimeout(done, OUTAGE_SECONDS * 1000 - (Date.now() - started)));

  await scenario.serverBack(await startSeatwise({}, { dbPath, port }));
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
