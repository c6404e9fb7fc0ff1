// Verified devices in Chromium: an admin turns on "Only through single sign-on" in Settings; the built extension,
// refused with its enrollment token alone, opens the identity provider's own sign-in page through
// identity.launchWebAuthFlow; the person signs in there, and the device is enrolled as the email the provider vouched
// for (not the one configured), its uploads count for that email, and the devices list marks it verified.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc/test-provider.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { markedEnv } from './support/child-marker.ts';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium.ts';
import { SCREENSHOTS, screenshot } from './support/dashboard-browser.ts';
import { liveWorker, spend } from './support/extension-session.ts';
import { type SaasSites, startSaasSites } from './support/saas-sites.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';
import { type Display, ensureDisplay } from './support/xvfb.ts';

/** The extension APIs inside the service worker, where evaluate() callbacks run. */
declare const chrome: any;

const APP_URL = 'https://acme.slack.com/client';
const CLAIMED = 'claimed@example.com';
const VOUCHED = 'grace@example.com';

let provider: TestProvider;
let seatwise: SeatwiseProcess;
let display: Display;
let sites: SaasSites;
let browser: ExtensionBrowser;
let api: ApiClient;

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [], env: markedEnv() });
  seatwise = await startSeatwise({
    SEATWISE_OIDC_ISSUER: provider.issuer,
    SEATWISE_OIDC_CLIENT_ID: TEST_CLIENT.id,
    SEATWISE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    SEATWISE_OIDC_NAME: 'Test IdP',
    SEATWISE_OIDC_SCOPES: 'openid email profile groups',
    SEATWISE_OIDC_ROLES: 'seatwise-admins=admin,it-ops=it,finance=finance',
  });
  await provider.addRedirectUri(`${seatwise.url}/auth/sso/callback`);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  display = await ensureDisplay();
  sites = await startSaasSites();
  browser = await launchWithExtension({
    display: display.display,
    hostMap: [`MAP *.slack.com 127.0.0.1:${sites.port}`, `MAP www.example.org 127.0.0.1:${sites.port}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await sites?.stop();
  await display?.stop();
  await seatwise?.stop();
  await provider?.stop();
});

async function signInToDashboard(page: Page) {
  await page.goto(seatwise.url);
  await page.getByText('Sign in with a password').click();
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

it('enrolls the extension through the identity provider as the vouched-for person, once SSO is required', async () => {
  const dashboard = await browser.context.newPage();
  await dashboard.setViewportSize({ width: 1280, height: 900 });
  await signInToDashboard(dashboard);
  await dashboard.evaluate(() => (window.location.hash = '#/settings'));
  const rules = dashboard.getByRole('form', { name: 'Who may enroll' });
  const ssoOnly = rules.getByLabel('Only through single sign-on (Test IdP)');
  await ssoOnly.waitFor();
  await expect(rules.innerText()).resolves.toContain('it opens the Test IdP sign-in page once');
  await ssoOnly.check();
  await rules.getByRole('button', { name: 'Save enrollment rules' }).click();
  await rules.getByText('only by signing in through single sign-on.', { exact: false }).first().waitFor();
  await screenshot(dashboard, 'journey-verified-device-settings');
  expect(await api.get('/api/v1/settings/enrollment')).toMatchObject({ requireSso: true });

  // IT's configuration, as a policy would give it: the email in it is not what the device is enrolled as.
  const { token: enrollmentToken } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'sso' });
  const signInWindow = browser.context.waitForEvent('page', {
    predicate: (page) => page.url().startsWith(provider.issuer),
    timeout: 30_000,
  });
  await (await liveWorker(browser.context, browser.extensionId)).evaluate(
    async (config) => chrome.storage.local.set({ config }),
    {
      serverUrl: seatwise.url,
      enrollmentToken,
      userEmail: CLAIMED,
      idleSeconds: 3600,
    },
  );

  // launchWebAuthFlow opens the provider's own login page in a window of its own.
  const login = await signInWindow;
  await login.locator('input[name=login]').waitFor();
  await screenshot(login, 'journey-verified-device-provider-login');
  await login.locator('input[name=login]').fill('grace');
  await login.locator('input[name=password]').fill('any password');
  await login.getByRole('button', { name: 'Sign-in' }).click();
  const consent = login.getByRole('button', { name: 'Continue' });
  await consent.click({ timeout: 15_000 }).catch(() => undefined);

  const devices = await waitFor(
    'the extension to enroll through single sign-on',
    async () => {
      const list = await api.get<{ devices: { email: string; verifiedAt: string | null }[] }>('/api/v1/devices');
      return list.devices.length > 0 ? list.devices : null;
    },
    { timeoutMs: 30_000 },
  );
  expect(devices).toEqual([expect.objectContaining({ email: VOUCHED, verifiedAt: expect.any(String) })]);

  // Time on a catalog app, uploaded from the popup, counts for the vouched-for person only.
  const stored = async (key: string) => {
    const worker = await liveWorker(browser.context, browser.extensionId);
    return worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
  };
  await waitFor('the extension to hold the catalog', async () => ((await stored('catalog'))?.apps.length ?? 0) > 0, {
    timeoutMs: 30_000,
  });
  // On Xvfb there is no window manager to hand focus back when the sign-in window closes, so Chrome reports no
  // window focused until the next focus change: the Slack page opens in a focused window of its own, as a click would.
  const worker = await liveWorker(browser.context, browser.extensionId);
  await worker.evaluate(async (url) => chrome.windows.create({ url, focused: true, type: 'normal' }), APP_URL);
  const slack = await waitFor(
    'the Slack window',
    () => browser.context.pages().find((p) => p.url().startsWith(APP_URL)),
    {
      timeoutMs: 30_000,
    },
  );
  await waitFor(
    'the extension to count Slack',
    async () => {
      const tracker = await stored('tracker');
      return tracker?.open?.appId === 'slack';
    },
    { timeoutMs: 15_000 },
  );
  // The browsing time is what gets uploaded, so here the test spends some (whole seconds are uploaded).
  await spend(2);
  await slack.goto('https://www.example.org/');
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.click('#upload-now');
  await waitFor(
    'Slack usage to reach the server for the vouched-for email',
    async () => {
      const rows = await api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${VOUCHED}`);
      return rows.find((row) => row.appId === 'slack' && row.activeSeconds > 0) ?? null;
    },
    { timeoutMs: 30_000 },
  );
  expect(await api.get<unknown[]>(`/api/v1/usage?email=${CLAIMED}`)).toEqual([]);
  // The popup's "What your company sees" names the person as the server holds them: the vouched-for email.
  const signedIn = popup.locator('#company-signed-in:not([hidden])');
  await signedIn.waitFor({ timeout: 15_000 });
  expect(await signedIn.innerText()).toBe(`Signed in as ${VOUCHED}, confirmed by your company sign-in.`);
  expect(await popup.locator('#company-view').innerText()).not.toContain(CLAIMED);
  await popup.locator('#company-view').screenshot({ path: join(SCREENSHOTS, 'journey-verified-device-popup.png') });

  await dashboard.bringToFront();
  await dashboard.reload();
  const row = dashboard.getByRole('row', { name: new RegExp(VOUCHED) });
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('Verified (SSO)');
  await dashboard
    .locator('section', { has: dashboard.getByRole('heading', { name: 'Devices', exact: true }) })
    .screenshot({ path: join(SCREENSHOTS, 'journey-verified-device-devices.png') });
});
