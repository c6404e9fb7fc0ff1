// Real Chromium: the options page saves exactly the server URLs the configuration rule accepts and refuses the
// others in the rule's words, storing nothing; the background then uses what the page saved.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVER_URL_CASES, SERVER_URL_REFUSAL } from '../extension/server-url-cases.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium.ts';
import { liveWorker } from './support/extension-session.ts';
import { type Display, ensureDisplay } from './support/xvfb.ts';

declare const chrome: any;

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/extension');

/** One saved, one refused by the rule, one refused by the browser's URL field before the page's own check. */
const SCREENSHOTS_OF: Record<string, string> = {
  'http:seatwise.example.com': 'options-server-url-saved.png',
  'ftp://seatwise.example.com': 'options-server-url-other-scheme.png',
  'seatwise.example.com': 'options-server-url-not-a-url.png',
};

let display: Display;
let chromium: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  display = await ensureDisplay();
  // Nothing here should reach a network: every host name fails to resolve.
  chromium = await launchWithExtension({ display: display.display, hostMap: ['MAP * ~NOTFOUND'] });
  options = await chromium.context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await chromium?.close();
  await display?.stop();
});

const storedConfig = async () => {
  const worker = await liveWorker(chromium.context, chromium.extensionId);
  return worker.evaluate(async () => (await chrome.storage.local.get('config')).config) as Promise<
    Record<string, unknown> | undefined
  >;
};

it.each(SERVER_URL_CASES)('IT types %s as the server URL on the options page: saved %s', async (typed, accepted) => {
  const worker = await liveWorker(chromium.context, chromium.extensionId);
  await worker.evaluate(async () => chrome.storage.local.remove('config'));
  await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  const serverRow = options.getByRole('row').filter({ hasText: 'serverUrl' });
  await serverRow.waitFor();

  await options.getByLabel('Server URL').fill(typed);
  await options.getByRole('button', { name: 'Save' }).click();
  const saveStatus = options.locator('#save-status');
  const said = await waitFor('the page to say how saving went', async () => (await saveStatus.innerText()) || null);

  if (accepted) {
    expect(said).toMatch(/^Saved\./);
    expect((await storedConfig())?.serverUrl).toBe(typed);
    // The background resolves what the page saved with the same rule and uses it.
    const inUse = typed.replace(/\/+$/, '');
    await serverRow.filter({ hasText: 'this page' }).waitFor();
    expect(await serverRow.getByRole('cell').allInnerTexts()).toEqual(['serverUrl', inUse, 'this page']);
  } else {
    expect(said).toBe(`The server URL ${SERVER_URL_REFUSAL}.`);
    expect(await storedConfig()).toBeUndefined();
    expect(await serverRow.getByRole('cell').allInnerTexts()).toEqual(['serverUrl', '', 'not set']);
  }
  const screenshot = SCREENSHOTS_OF[typed];
  if (screenshot) await options.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
});

it('saving a URL without an enrollment token or email says what is still missing, not "Connecting…"', async () => {
  const worker = await liveWorker(chromium.context, chromium.extensionId);
  await worker.evaluate(async () => chrome.storage.local.remove('config'));
  await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  await options.getByRole('row').filter({ hasText: 'serverUrl' }).waitFor();
  await options.getByLabel('Server URL').fill('https://seatwise.example.com');
  await options.getByRole('button', { name: 'Save' }).click();
  const saveStatus = options.locator('#save-status');
  await saveStatus.filter({ hasText: /^Saved\./ }).waitFor();
  expect(await saveStatus.innerText()).toBe(
    'Saved. Not connecting until the enrollment token and the work email are set.',
  );
  expect(await options.locator('#connection').getAttribute('data-state')).toBe('not_configured');
});
