// The Firefox half of the deployment journey: the policies.json an admin copies from Settings, installed as Firefox
// ESR's enterprise policy, makes a fresh Firefox install the add-on from the Seatwise server and enroll the person.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMAIL_PLACEHOLDER } from '../../dashboard/src/lib/policy-snippets.ts';
import type { DeviceList, ExtensionDistribution } from '../../server/contract.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { markedEnv } from './support/child-marker.ts';
import { launchBrowser, openPage, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX = '/usr/bin/firefox-esr';
/** Firefox ESR reads enterprise policy from here (Debian's package); the file is machine-wide and needs root. */
const POLICIES = '/usr/lib/firefox-esr/distribution/policies.json';
const PERSON = 'katherine.johnson@example.com';

let seatwise: SeatwiseProcess;
let api: ApiClient;
let dashboard: Browser;
let page: Page;
let wrotePolicy = false;
let firefox: ChildProcess | undefined;
let profile: string | undefined;

beforeAll(async () => {
  expect(process.getuid?.(), `this journey writes ${POLICIES} and needs root`).toBe(0);
  if (!existsSync(FIREFOX)) throw new Error('Firefox ESR is missing: apt-get install -y firefox-esr');
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (!existsSync(join(ROOT, `dist/extension/seatwise-${version}-firefox.zip`))) {
    throw new Error('the Firefox package is missing: run `npm run build:extension` first');
  }
  if (existsSync(POLICIES))
    throw new Error(`${POLICIES} exists already; this test will not overwrite a machine's Firefox policy`);
  seatwise = await startSeatwise();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  dashboard = await launchBrowser();
  page = await signInPage(dashboard, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
});
afterAll(async () => {
  if (wrotePolicy) rmSync(POLICIES, { force: true });
  if (firefox && firefox.exitCode === null) {
    const exited = new Promise((done) => firefox!.once('exit', done));
    firefox.kill('SIGTERM');
    await exited;
  }
  if (profile) rmSync(profile, { recursive: true, force: true });
  await dashboard?.close();
  await seatwise?.stop();
});

/**
 * A fresh profile. The server's add-on is not signed by Mozilla, which ESR accepts only with signature checks off
 * (a real deployment serves the AMO-signed .xpi instead). Every connection except to 127.0.0.1 goes to a closed
 * local port, so Firefox's own services reach nothing.
 */
function writeProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-firefox-'));
  const prefs = {
    'xpinstall.signatures.required': false,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    'network.proxy.no_proxies_on': '127.0.0.1',
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
  };
  writeFileSync(
    join(dir, 'user.js'),
    Object.entries(prefs)
      .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  return dir;
}

const firefoxPolicyEnrolls =
  "an admin's Firefox policies.json from Settings installs the add-on from the server and enrolls the person";
it(firefoxPolicyEnrolls, async () => {
  await openPage(page, '#/settings', 'Settings');
  const form = page.getByRole('form', { name: 'Create an enrollment token' });
  await form.getByLabel('Label').fill('Firefox desktops');
  await form.getByRole('button', { name: 'Create enrollment token' }).click();
  const secret = page.getByRole('region', { name: 'New enrollment token' });
  await secret.getByLabel('Browser and system').selectOption({ label: 'Firefox (policies.json on any system)' });
  const policyText = await secret
    .getByRole('figure', { name: /Firefox/ })
    .locator('pre')
    .innerText();

  const distribution = await api.get<ExtensionDistribution>('/api/v1/extension');
  const firefoxPolicy = JSON.parse(policyText).policies;
  expect(firefoxPolicy.ExtensionSettings[distribution.firefox.extensionId]).toEqual({
    installation_mode: 'force_installed',
    install_url: `${seatwise.url}/extension/seatwise.xpi`,
  });

  writeFileSync(POLICIES, policyText.replace(EMAIL_PLACEHOLDER, PERSON));
  wrotePolicy = true;
  profile = writeProfile();
  firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, 'about:blank'], {
    stdio: 'ignore',
    env: markedEnv(),
  });

  const device = await waitFor(
    'Firefox to install the add-on by policy and enroll',
    async () => {
      const { devices } = await api.get<DeviceList>('/api/v1/devices');
      return devices.find((d) => d.email === PERSON);
    },
    { timeoutMs: 90_000 },
  );
  expect(device).toMatchObject({ browser: 'firefox', extensionVersion: distribution.version, revokedAt: null });
});
