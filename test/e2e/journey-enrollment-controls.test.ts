// An admin locks enrollment down through Settings in Chromium: allowed domain and directory-only rules, a token
// with an end date and a one-device cap, and revoking that token together with the device it enrolled; each step
// checked in what the admin sees and in what the API stored or answers.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let seatwise: SeatwiseProcess;
let browser: Browser;
let page: Page;
let api: ApiClient;

beforeAll(async () => {
  seatwise = await startSeatwise();
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

/** What the extension sends; the reply's status, code and body. */
async function enroll(enrollmentToken: string, email: string) {
  const response = await fetch(`${seatwise.url}/api/v1/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentToken, email, browser: 'chrome', extensionVersion: '0.1.0' }),
  });
  const json = await response.json();
  return { status: response.status, code: json.error?.code as string | undefined, json };
}
const peopleTotal = async () => ((await api.get('/api/v1/people')) as { total: number }).total;
const rulesForm = () => page.getByRole('form', { name: 'Who may enroll' });
const tokenRow = (name: string) => page.locator('tr', { has: page.getByRole('rowheader', { name }) });

describe('an admin locks enrollment down', () => {
  let token = '';
  let deviceToken = '';

  const setsTheRules =
    'sets the allowed domain and directory-only rule; the API stores them and refuses outsiders, storing nothing';
  it(setsTheRules, async () => {
    await openPage(page, '#/settings', /^Settings$/);
    const form = rulesForm();
    await form.getByLabel('Allowed email domains').fill('Acme.test');
    await form.getByLabel(/Only people in the directory/).check();
    await form.getByRole('button', { name: 'Save enrollment rules' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: 'People already in the directory with an address at acme.test can enroll a browser.' })
      .waitFor();
    expect(await api.get('/api/v1/settings/enrollment')).toEqual({
      allowedEmailDomains: ['acme.test'],
      knownPeopleOnly: true,
      requireSso: false,
    });

    // A token to try the rules with, made through the same section.
    await page.getByRole('form', { name: 'Create an enrollment token' }).getByLabel('Label').fill('Rules check');
    await page.getByRole('button', { name: 'Create enrollment token' }).click();
    token = (
      await page.getByRole('region', { name: 'New enrollment token' }).locator('p code').first().innerText()
    ).trim();
    expect(token).toMatch(/^swe_/);
    expect(await enroll(token, 'mallory@evil.test')).toMatchObject({ status: 403, code: 'email_not_allowed' });
    expect(await enroll(token, 'ada@acme.test')).toMatchObject({ status: 403, code: 'email_not_allowed' });
    expect(await peopleTotal()).toBe(0);
    await screenshot(page, 'journey-enrollment-rules-locked');

    await form.getByLabel(/Only people in the directory/).uncheck();
    await form.getByRole('button', { name: 'Save enrollment rules' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: 'Anyone with the enrollment token with an address at acme.test' })
      .waitFor();
    expect(await api.get('/api/v1/settings/enrollment')).toEqual({
      allowedEmailDomains: ['acme.test'],
      knownPeopleOnly: false,
      requireSso: false,
    });
    expect(await enroll(token, 'mallory@evil.test')).toMatchObject({ status: 403, code: 'email_not_allowed' });
    expect(await peopleTotal()).toBe(0);
  });

  const cappedToken =
    'creates a token valid through a day with a one-device cap; the second device is refused and the list says 1 of 1';
  it(cappedToken, async () => {
    const form = page.getByRole('form', { name: 'Create an enrollment token' });
    await form.getByLabel('Label').fill('Pilot laptops');
    await form.getByLabel(/Valid through/).fill('2030-12-31');
    await form.getByLabel(/Maximum devices/).fill('1');
    await form.getByRole('button', { name: 'Create enrollment token' }).click();
    const row = tokenRow('Pilot laptops');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Valid through Dec 31, 2030\s+0 of 1/);
    token = (
      await page.getByRole('region', { name: 'New enrollment token' }).locator('p code').first().innerText()
    ).trim();

    const first = await enroll(token, 'ada@acme.test');
    expect(first.status).toBe(201);
    deviceToken = first.json.deviceToken;
    expect(await enroll(token, 'bob@acme.test')).toMatchObject({ status: 409, code: 'enrollment_token_used_up' });
    expect(await peopleTotal()).toBe(1);
    const listed = (
      (await api.get('/api/v1/enrollment-tokens')) as {
        label: string;
        maxDevices: number;
        expiresAt: string;
        devicesEnrolled: number;
      }[]
    ).find((t) => t.label === 'Pilot laptops');
    expect(listed).toMatchObject({ maxDevices: 1, expiresAt: '2031-01-01T00:00:00.000Z', devicesEnrolled: 1 });

    await page.reload();
    await openPage(page, '#/settings', /^Settings$/);
    expect(await tokenRow('Pilot laptops').innerText()).toContain('1 of 1');
    await screenshot(page, 'journey-enrollment-token-capped');
  });

  const enrolledPersonNotConfirmed =
    'the person the enrollment created is marked as not yet confirmed in the directory and on their page';
  it(enrolledPersonNotConfirmed, async () => {
    await openPage(page, '#/people', /^People$/);
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'ada@acme.test' }) });
    expect(await row.innerText()).toContain('Not yet confirmed by an HR import');
    await screenshot(page, 'journey-enrollment-people-unconfirmed');
    await row.getByRole('link', { name: 'ada@acme.test' }).click();
    await page.getByRole('heading', { level: 1, name: 'ada@acme.test' }).waitFor();
    await page.getByRole('note').filter({ hasText: 'Not yet confirmed by an HR import' }).waitFor();
    await screenshot(page, 'journey-enrollment-person-unconfirmed');
  });

  it('revokes the token together with its device; the device upload then answers 401', async () => {
    const upload = () =>
      fetch(`${seatwise.url}/api/v1/devices/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
        body: '{"records":[]}',
      });
    expect((await upload()).status).toBe(200);

    await openPage(page, '#/settings', /^Settings$/);
    const row = tokenRow('Pilot laptops');
    await row.getByRole('button', { name: 'Revoke Pilot laptops' }).click();
    const confirm = row.getByRole('group', { name: 'Revoke Pilot laptops' });
    await confirm.getByLabel('Also revoke its 1 device').check();
    await screenshot(page, 'journey-enrollment-revoke-confirm');
    await confirm.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the token "Pilot laptops" and 1 device.' }).waitFor();
    await tokenRow('Pilot laptops').filter({ hasText: 'Revoked' }).waitFor();

    expect((await upload()).status).toBe(401);
    const listed = (
      (await api.get('/api/v1/enrollment-tokens')) as { label: string; revokedAt: string | null; devicesLive: number }[]
    ).find((t) => t.label === 'Pilot laptops');
    expect(listed?.revokedAt).not.toBeNull();
    expect(listed?.devicesLive).toBe(0);
    expect(await enroll(token, 'carol@acme.test')).toMatchObject({ status: 401, code: 'invalid_enrollment_token' });
    await screenshot(page, 'journey-enrollment-revoked');
  });

  const revokesTokenThenDevice =
    'cancels a revoke, revokes a token alone (its device keeps working), then revokes that device from the revoked row';
  it(revokesTokenThenDevice, async () => {
    const form = page.getByRole('form', { name: 'Create an enrollment token' });
    await form.getByLabel('Label').fill('Second wave');
    await form.getByRole('button', { name: 'Create enrollment token' }).click();
    await tokenRow('Second wave').waitFor();
    const wave = (
      await page.getByRole('region', { name: 'New enrollment token' }).locator('p code').first().innerText()
    ).trim();
    const device = await enroll(wave, 'dan@acme.test');
    expect(device.status).toBe(201);
    const upload = () =>
      fetch(`${seatwise.url}/api/v1/devices/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.json.deviceToken}`, 'content-type': 'application/json' },
        body: '{"records":[]}',
      });
    const waveInApi = async () =>
      (
        (await api.get('/api/v1/enrollment-tokens')) as {
          label: string;
          revokedAt: string | null;
          devicesLive: number;
        }[]
      ).find((t) => t.label === 'Second wave')!;

    await page.reload();
    await openPage(page, '#/settings', /^Settings$/);
    const row = tokenRow('Second wave');
    expect(await row.innerText()).toContain('Never');
    await row.getByRole('button', { name: 'Revoke Second wave' }).click();
    await row.getByRole('group', { name: 'Revoke Second wave' }).getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Revoke Second wave' }).waitFor();
    expect((await waveInApi()).revokedAt).toBeNull();

    await row.getByRole('button', { name: 'Revoke Second wave' }).click();
    const confirm = row.getByRole('group', { name: 'Revoke Second wave' });
    expect(await confirm.getByLabel('Also revoke its 1 device').isChecked()).toBe(false);
    await confirm.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the token "Second wave".' }).waitFor();
    expect(await waveInApi()).toMatchObject({ devicesLive: 1 });
    expect((await upload()).status).toBe(200);

    await tokenRow('Second wave').getByRole('button', { name: 'Revoke its 1 device' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the token "Second wave" and 1 device.' }).waitFor();
    expect(await waveInApi()).toMatchObject({ devicesLive: 0 });
    expect((await upload()).status).toBe(401);
    await screenshot(page, 'journey-enrollment-second-wave');
  });
});
