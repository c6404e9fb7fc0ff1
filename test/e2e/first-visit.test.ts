// A first visit to the dashboard in Chromium, before anyone signs in: no failed request, no console error.
import { resolve } from 'node:path';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './support/dashboard-browser.ts';

const DASHBOARD = resolve(import.meta.dirname, '../../dist/dashboard');

let server: TestServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  server = await createTestServer({ dashboardDir: DASHBOARD, now: new Date() });
  baseUrl = await server.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('shows the sign-in form with no failing request and nothing in the console as an error', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
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
