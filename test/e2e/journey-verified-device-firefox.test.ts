// Verified devices in real Firefox ESR: with requireSso on, the built add-on (configured by policies.json, whose email
// is not the person's) is refused with its enrollment token alone and starts identity.launchWebAuthFlow. Firefox
// opens the identity provider's own sign-in page in a window of its own; the person signs in there, Firefox catches
// the redirect to https://<hash>.extensions.allizom.org/ itself, and the device is enrolled, verified, as the email
// the provider vouched for. Its uploads count for that email. Firefox 140's ext-identity.js: launchWebAuthFlow needs
// no user gesture; it first requests the URL without a window, following redirects, and only when that ends on a page
// (not the add-on's address) opens a browser window at the URL and watches its requests for the add-on's address.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceList } from '../../server/contract.ts';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc/test-provider.ts';
import { waitFor } from '../support/wait-for.ts';
import { markedEnv } from './support/child-marker.ts';
import { SCREENSHOTS } from './support/dashboard-browser.ts';
import { FirefoxScenario } from './support/firefox-scenario.ts';

/** The email in IT's policy: what the add-on claims, and not what it is enrolled as. */
const CLAIMED = 'claimed@example.com';
/** The person who signs in at the provider (login `grace`). */
const VOUCHED = 'grace@example.com';

let provider: TestProvider | undefined;
const scenario = new FirefoxScenario();
/** Every page Firefox opened once it had started: windows and tabs, each at its latest address. */
const opened: Target[] = [];

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [], env: markedEnv() });
  const { issuer } = provider;
  await scenario.start({
    person: CLAIMED,
    label: 'firefox sso',
    // Headless Firefox sees no input; an hour keeps idle out of this journey (as in firefox-measures).
    idleSeconds: 3600,
    seatwiseEnv: {
      SEATWISE_OIDC_ISSUER: issuer,
      SEATWISE_OIDC_CLIENT_ID: TEST_CLIENT.id,
      SEATWISE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      SEATWISE_OIDC_NAME: 'Test IdP',
      SEATWISE_OIDC_SCOPES: 'openid email profile groups',
      SEATWISE_OIDC_ROLES: 'seatwise-admins=admin,it-ops=it,finance=finance',
    },
    // Before Firefox starts, since the add-on enrolls as soon as it has read the policy.
    beforeFirefox: async ({ seatwise, api }) => {
      await provider?.addRedirectUri(`${seatwise.url}/auth/sso/callback`);
      await api.send('PATCH', '/api/v1/settings/enrollment', { requireSso: true });
    },
  });
  scenario.firefox.browser.on('targetcreated', (target: Target) => opened.push(target));
});

afterAll(async () => {
  try {
    await scenario.stop();
  } finally {
    await provider?.stop();
  }
});

/** An open page among Firefox's top-level browsing contexts whose address starts with `prefix` (not `other`). */
async function pageAt(prefix: string, other?: Page): Promise<Page | undefined> {
  const pages = await scenario.firefox.browser.pages();
  return pages.find((page) => page !== other && !page.isClosed() && page.url().startsWith(prefix));
}

it('enrolls through the provider window Firefox opens, as the vouched-for person, whose uploads count', async () => {
  const { api, firefox } = scenario;
  const issuer = provider!.issuer;
  const signInWindows = async () =>
    (await firefox.browser.pages()).filter((page) => !page.isClosed() && page.url().startsWith(issuer));

  // The token alone is refused (sso_required), so the add-on calls launchWebAuthFlow: Firefox opens a window of its
  // own at the provider's login page (oidc-provider's interaction pages), reached straight on 127.0.0.1, not by proxy.
  const first = await waitFor('Firefox to open the provider sign-in window', () => pageAt(`${issuer}/interaction/`), {
    timeoutMs: 60_000,
  });
  // The person closes it: nothing is enrolled, and the add-on asks again at its next attempt (after its backoff).
  await first.close();
  expect((await api.get<DeviceList>('/api/v1/devices')).devices).toEqual([]);
  const login = await waitFor(
    'the add-on to open the sign-in window again',
    () => pageAt(`${issuer}/interaction/`, first),
    {
      timeoutMs: 90_000,
    },
  );
  expect(await signInWindows()).toHaveLength(1);
  await login.locator('input[name=login]').wait();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await login.screenshot({ path: join(SCREENSHOTS, 'journey-verified-device-firefox-provider-login.png') });
  await login.locator('input[name=login]').fill('grace');
  await login.locator('input[name=password]').fill('any password');
  await login.locator('button[type=submit]').click();
  await login.waitForSelector('input[name=prompt][value=consent]');
  await login.locator('button[type=submit]').click();

  const devices = await waitFor(
    'the add-on to enroll through single sign-on',
    async () => {
      const { devices } = await api.get<DeviceList>('/api/v1/devices');
      return devices.length > 0 ? devices : null;
    },
    { timeoutMs: 30_000 },
  );
  expect(devices).toEqual([
    expect.objectContaining({ email: VOUCHED, browser: 'firefox', verifiedAt: expect.any(String), revokedAt: null }),
  ]);
  // Firefox caught the redirect to the add-on's own address itself and closed the window: the code never went out.
  await waitFor('the sign-in window to close', async () => (await signInWindows()).length === 0);
  expect(firefox.proxy.tunnels.filter((host) => host.endsWith('.extensions.allizom.org'))).toEqual([]);

  // Time on a catalog app counts for the vouched-for person only. The page stays open until the add-on's scheduled
  // upload (every minute by policy) has carried Slack seconds, which it counts up to the moment it uploads.
  const slack = await firefox.browser.newPage();
  await slack.goto('https://acme.slack.com/client');
  const usage = await scenario.firstSlackUsage(VOUCHED);
  await slack.goto('https://www.example.org/');
  expect(usage.activeSeconds).toBeGreaterThan(0);
  expect(firefox.proxy.tunnels).toContain('acme.slack.com');
  expect(await api.get<unknown[]>(`/api/v1/usage?email=${CLAIMED}`)).toEqual([]);
  // Firefox opened exactly the two sign-in windows (the first one closed by the person), and the Slack tab.
  expect(opened.filter((target) => target.url().startsWith(issuer))).toHaveLength(2);
}, 300_000);

it('enrolls a revoked device again through the person’s provider session, without a window or a password', async () => {
  const { api } = scenario;
  const [revoked] = (await api.get<DeviceList>('/api/v1/devices')).devices;
  const before = opened.length;
  await api.send('DELETE', `/api/v1/devices/${revoked!.id}`);

  // The next upload (every minute) is refused with 401; the add-on enrolls again, is refused without single sign-on,
  // and calls launchWebAuthFlow. Firefox first loads the address without a window (a request that follows redirects
  // with the browser's cookies) and opens one only when that ends on a page. The provider still knows the person, so
  // the redirects end at the add-on's own address and Firefox hands over the code from there.
  const again = await waitFor(
    'the add-on to enroll again',
    async () => (await api.get<DeviceList>('/api/v1/devices')).devices.find((d) => d.revokedAt === null),
    { timeoutMs: 150_000 },
  );
  expect(again).toMatchObject({ email: VOUCHED, verifiedAt: expect.any(String) });
  expect(again.id).not.toBe(revoked!.id);
  expect(opened.slice(before).map((target) => target.url())).toEqual([]);
}, 200_000);
