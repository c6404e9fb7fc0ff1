// A person signs in through the identity provider's own login page in Chromium and lands on the overview with the
// role their groups map to; signing out offers signing out at the provider too. The password form is only for admins.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc/test-provider.ts';
import { markedEnv } from './support/child-marker.ts';
import { launchBrowser, screenshot } from './support/dashboard-browser.ts';
import { type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let provider: TestProvider;
let seatwise: SeatwiseProcess;
let browser: Browser;

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [], env: markedEnv() });
  seatwise = await startSeatwise({
    SEATWISE_OIDC_ISSUER: provider.issuer,
    SEATWISE_OIDC_CLIENT_ID: TEST_CLIENT.id,
    SEATWISE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    SEATWISE_OIDC_NAME: 'Test IdP',
    SEATWISE_OIDC_SCOPES: 'openid email profile groups',
    SEATWISE_OIDC_ROLES: 'seatwise-admins=admin,it-ops=it,finance=finance',
    SEATWISE_PASSWORD_LOGIN: 'admins',
  });
  await provider.addRedirectUri(`${seatwise.url}/auth/sso/callback`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  await provider?.stop();
});

async function signInAtProvider(page: Page, login: string) {
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await screenshot(page, 'journey-sso-provider-login');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks for consent the first time this person uses Seatwise.
  const consent = page.getByRole('button', { name: 'Continue' });
  const overview = page.getByRole('heading', { level: 1, name: 'Overview' });
  await consent.or(overview).waitFor();
  if (await consent.isVisible()) await consent.click();
  await overview.waitFor();
}

describe('signing in with the identity provider', () => {
  it('finance signs in on the provider’s page and lands on the overview as finance', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(seatwise.url);
      await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
      // Passwords are for the break-glass admin only: behind a disclosure that says so.
      await expect(page.getByLabel('Password').isVisible()).resolves.toBe(false);
      await expect(page.getByText('Admin sign-in with a password').isVisible()).resolves.toBe(true);
      await screenshot(page, 'journey-sso-sign-in-page');
      await signInAtProvider(page, 'grace');
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ email: 'grace@example.com', role: 'finance' });
      await expect(page.locator('header').innerText()).resolves.toContain('grace@example.com');
      await screenshot(page, 'journey-sso-overview-finance');

      await page.getByRole('button', { name: 'Log out' }).click();
      const signOutThere = page.getByRole('link', { name: 'Sign out of Test IdP too' });
      await signOutThere.waitFor();
      await screenshot(page, 'journey-sso-signed-out');
      await signOutThere.click();
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL((url) => url.href.startsWith(seatwise.url));
      await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
      const after = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
      expect(after).toEqual({ user: null });
    } finally {
      await page.close();
    }
  });

  it('the break-glass admin signs in with a password behind the disclosure', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(seatwise.url);
      await page.getByText('Admin sign-in with a password').click();
      await page.getByLabel('Email').fill('admin@example.com');
      await page.getByLabel('Password').fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('clocks two minutes apart: a page that says so, and signing in again once they agree', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    try {
      await provider.setClockOffset(120);
      await page.goto(seatwise.url);
      await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await page.waitForURL((url) => url.href.startsWith(provider.issuer));
      await page.locator('input[name=login]').fill('linus');
      await page.locator('input[name=password]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      const consent = page.getByRole('button', { name: 'Continue' });
      const refused = page.getByRole('heading', { level: 1, name: 'The clocks of Seatwise and Test IdP disagree' });
      await consent.or(refused).waitFor();
      if (await consent.isVisible()) await consent.click();
      await refused.waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain('set the server');
      await screenshot(page, 'journey-sso-clock-skew');
      await provider.setClockOffset(0);
      // The provider remembers linus: "Try again" comes straight back signed in.
      await page.getByRole('link', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ email: 'linus@example.com', role: 'it' });
    } finally {
      await provider.setClockOffset(0);
      await page.close();
    }
  });
});
