// A first visit to the dashboard in Chromium, before anyone signs in, and the visit after signing in and out:
// no failed request, no console error.
import { resolve } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extensionPackages } from '../../server/extension-release/extension-packages.ts';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, openPage, screenshot } from './support/dashboard-browser.ts';

const DASHBOARD = resolve(import.meta.dirname, '../../dist/dashboard');
const EXTENSION_DIST = resolve(import.meta.dirname, '../../dist/extension');

let server: TestServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  // As the real server: the extension's packages are served too (no signing key needed to describe them).
  server = await createTestServer({
    dashboardDir: DASHBOARD,
    now: new Date(),
    extension: extensionPackages({ distDir: EXTENSION_DIST, keyPath: null }),
  });
  baseUrl = await server.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser page that records console errors, page errors and every failed or >= 400 response. */
async function watchedPage(context: BrowserContext) {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${JSON.stringify(message.location())})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  return { page, consoleErrors, failed };
}

it('shows the sign-in form with no failing request and nothing in the console as an error', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const { page, consoleErrors, failed } = await watchedPage(context);

    await page.goto(baseUrl, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').waitFor();
    await screenshot(page, 'first-visit-sign-in');
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The same visit checked the session: the dashboard asked, and was told nobody is signed in.
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toEqual({ user: null });
  } finally {
    await context.close();
  }
});

it('signs in through the form, opens every page, signs out, with no failing request or console error', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const { page, consoleErrors, failed } = await watchedPage(context);
    await page.goto(baseUrl, { waitUntil: 'networkidle' });
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const pages: [string, RegExp][] = [
      ['#/overview', /^Overview$/],
      ['#/subscriptions', /^Subscriptions$/],
      ['#/alerts', /^Alerts$/],
      ['#/reclaims', /^Reclaims$/],
      ['#/people', /^People$/],
      ['#/shadow-it', /^Shadow IT$/],
      ['#/renewals', /^Renewals$/],
      ['#/reports', /^Reports$/],
      ['#/settings', /^Settings$/],
    ];
    for (const [hash, heading] of pages) await openPage(page, hash, heading);
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: /^Settings$/ }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(async () => (await fetch('/api/v1/session')).json())).toEqual({ user: null });
  } finally {
    await context.close();
  }
});
