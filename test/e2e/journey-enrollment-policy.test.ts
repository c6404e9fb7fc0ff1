// The deployment journey: an admin creates an enrollment token in Settings, takes the policy shown for Chrome/Chromium
// on Linux, and that text, as a managed policy file, makes a fresh Chromium install the extension from the Seatwise
// server itself (update manifest + CRX signed by the server) and enroll the person.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMAIL_PLACEHOLDER } from '../../dashboard/src/lib/policy-snippets.ts';
import type { DeviceList, EnrollmentTokenInfo, ExtensionDistribution } from '../../server/contract.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { markedEnv } from './support/child-marker.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signInPage } from './support/dashboard-browser.ts';
import { type ManagedPolicy, writeChromiumPolicyFile } from './support/managed-policy.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PERSON = 'grace.hopper@example.com';

let seatwise: SeatwiseProcess;
let api: ApiClient;
let dashboard: Browser;
let page: Page;
let policy: ManagedPolicy | undefined;
let observePolicy: ManagedPolicy | undefined;
let staffBrowser: BrowserContext | undefined;
let staffProfile: string | undefined;

beforeAll(async () => {
  expect(process.getuid?.(), 'this journey writes /etc/chromium/policies/managed and needs root').toBe(0);
  for (const built of ['dist/dashboard/index.html', 'dist/extension/chrome-mv3/manifest.json']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  seatwise = await startSeatwise();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  dashboard = await launchBrowser();
  page = await signInPage(dashboard, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
});
afterAll(async () => {
  // The policy file first: it is machine-wide and must not outlive the test, whatever failed.
  policy?.remove();
  observePolicy?.remove();
  await staffBrowser?.close().catch(() => undefined);
  if (staffProfile) rmSync(staffProfile, { recursive: true, force: true });
  await dashboard?.close();
  await seatwise?.stop();
});

/**
 * A staff member's fresh Chromium. Installing by policy needs Chromium's extension updater, which Playwright's default
 * --disable-extensions and --disable-background-networking switch off; every host name is mapped to "not found" so
 * the updater and the rest of Chromium can reach nothing but the Seatwise server on 127.0.0.1.
 */
async function launchStaffBrowser(): Promise<BrowserContext> {
  staffProfile = mkdtempSync(join(tmpdir(), 'seatwise-staff-'));
  return playwright.launchPersistentContext(staffProfile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: markedEnv(),
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--disable-domain-reliability',
      '--no-pings',
      '--disable-client-side-phishing-detection',
      '--safebrowsing-disable-auto-update',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

it("an admin's Linux policy from Settings installs the extension from the server and enrolls the person", async () => {
  // 1. Settings, through the UI: create a token and read the policy for Chrome/Chromium on Linux.
  await openPage(page, '#/settings', 'Settings');
  const form = page.getByRole('form', { name: 'Create an enrollment token' });
  await form.getByLabel('Label').fill('Linux laptops');
  await form.getByRole('button', { name: 'Create enrollment token' }).click();
  const secret = page.getByRole('region', { name: 'New enrollment token' });
  await secret.waitFor();
  await secret.getByLabel('Browser and system').selectOption({ label: 'Chrome or Chromium on Linux' });
  const figure = secret.getByRole('figure', { name: /Chrome or Chromium on Linux/ });
  const policyText = await figure.locator('pre').innerText();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: seatwise.url });
  await figure.getByRole('button', { name: 'Copy policy' }).click();
  await figure.getByRole('status').filter({ hasText: 'Copied the Chrome or Chromium on Linux policy.' }).waitFor();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trimEnd()).toBe(policyText.trimEnd());
  await figure.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-enrollment-policy');
  expect(await seriousViolations(page)).toEqual([]);

  // What the API stored, and what the page's policy says, agree.
  const tokens = await api.get<EnrollmentTokenInfo[]>('/api/v1/enrollment-tokens');
  expect(tokens.map((t) => t.label)).toEqual(['Linux laptops']);
  const distribution = await api.get<ExtensionDistribution>('/api/v1/extension');
  const extensionId = distribution.chrome!.extensionId;
  const parsed = JSON.parse(policyText);
  expect(parsed.ExtensionInstallForcelist).toEqual([`${extensionId};${seatwise.url}/extension/updates.xml`]);
  expect(parsed['3rdparty'].extensions[extensionId]).toMatchObject({
    serverUrl: seatwise.url,
    userEmail: EMAIL_PLACEHOLDER,
  });

  // 2. IT's configuration management puts the person's email in and writes the file, as the policy's note says.
  policy = writeChromiumPolicyFile('seatwise-journey', policyText.replace(EMAIL_PLACEHOLDER, PERSON));
  // For the test only, not part of IT's text: by default Chromium keeps DevTools (and so Playwright) away from
  // extensions installed by policy; this lets the test open the installed extension's popup.
  observePolicy = writeChromiumPolicyFile(
    'seatwise-journey-observe',
    JSON.stringify({ DeveloperToolsAvailability: 1 }),
  );

  // 3. A fresh Chromium installs the extension from the server and the extension enrolls the person.
  staffBrowser = await launchStaffBrowser();
  const device = await waitFor(
    'the policy-installed extension to enroll',
    async () => {
      const { devices } = await api.get<DeviceList>('/api/v1/devices');
      return devices.find((d) => d.email === PERSON);
    },
    { timeoutMs: 90_000 },
  );
  expect(device).toMatchObject({ browser: 'chrome', extensionVersion: distribution.version, revokedAt: null });

  // The installed extension is the server's CRX (its id), and its popup tells the person it is connected.
  const popup = await staffBrowser.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.locator('#connection[data-state="connected"]').waitFor({ timeout: 60_000 });
  expect(await popup.locator('#connection').innerText()).toBe(`Connected to ${seatwise.url}.`);
  mkdirSync(join(ROOT, 'test-results/extension'), { recursive: true });
  await popup.screenshot({ path: join(ROOT, 'test-results/extension/popup-installed-by-policy.png'), fullPage: true });

  // 4. The admin sees the new device in Settings, and the guide the policy's note refers to is one link away.
  await page.reload();
  await openPage(page, '#/settings', 'Settings');
  const deviceRow = page
    .getByRole('table', { name: 'Enrolled devices' })
    .getByRole('row', { name: new RegExp(PERSON) });
  await deviceRow.waitFor();
  // Enrolled with the token alone (no single sign-on here), then the browser.
  expect(await deviceRow.getByRole('cell').first().innerText()).toBe('Token only');
  expect(await deviceRow.getByRole('cell').nth(1).innerText()).toBe('chrome');
  await page.getByRole('link', { name: 'deployment guide' }).click();
  await page.getByRole('heading', { level: 1, name: 'Deploying the Seatwise extension' }).waitFor();
  expect(page.url()).toBe(`${seatwise.url}/docs/deployment`);
  expect(await page.getByRole('heading', { level: 3, name: 'Linux (JSON policy files)' }).isVisible()).toBe(true);
  await screenshot(page, 'deployment-guide');
});
