// Real Chromium, a freshly installed extension that IT has not configured: the popup says so in plain words at once,
// with no "Loading…" placeholder and no policy key names, while the options page gives IT the key names.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOT_CONNECTED_MESSAGE } from '../../extension/lib/messages.ts';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './support/chromium.ts';
import { type Display, ensureDisplay } from './support/xvfb.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/extension');
const KEY_NAMES = /serverUrl|enrollmentToken|userEmail/;

let display: Display;
let chromium: ExtensionBrowser;

beforeAll(async () => {
  display = await ensureDisplay();
  chromium = await launchWithExtension({ display: display.display, hostMap: [] });
});
afterAll(async () => {
  await chromium?.close();
  await display?.stop();
});

it('ships a popup with no "Loading…" placeholder to flash', () => {
  expect(readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8')).not.toMatch(/Loading/);
});

it('tells a staff member in plain words that IT has to set this browser up', async () => {
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
  const connection = popup.getByRole('status').filter({ hasText: 'Seatwise' }).first();
  await connection.waitFor();
  expect(await connection.innerText()).toBe(NOT_CONNECTED_MESSAGE);
  expect(await popup.locator('#connection').getAttribute('data-state')).toBe('not_configured');
  const text = await popup.locator('body').innerText();
  expect(text).toContain('Ask your IT team to set up Seatwise for this browser.');
  expect(text).not.toMatch(KEY_NAMES);
  expect(text).not.toMatch(/Loading/);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-unconfigured.png'), fullPage: true });

  await popup.getByRole('button', { name: 'Upload now' }).click();
  await popup.locator('#upload-result', { hasText: 'Failed' }).waitFor();
  expect(await popup.locator('#upload-result').innerText()).toMatch(
    /^Failed: this browser is not connected to your company's Seatwise yet; ask your IT team/,
  );
  await popup.close();

  const options = await chromium.context.newPage();
  await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  const detail = options.locator('#connection-detail', { hasText: 'For IT' });
  await detail.waitFor();
  expect(await detail.innerText()).toBe(
    'For IT: not set: serverUrl, enrollmentToken, userEmail (managed policy keys, or the fields above).',
  );
  await options.screenshot({ path: join(SCREENSHOTS, 'options-unconfigured.png'), fullPage: true });
  await options.close();
});
