// An admin sets up email in Settings in Chromium and chooses how the connection is protected: STARTTLS required
// with a real mail server under its own (trusted) certificate, the same choice refused by a relay without STARTTLS
// (nothing sent, the password neither), then that relay chosen as an unencrypted local relay, in plain words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCert } from '../support/self-signed-cert.ts';
import { startSmtpListener } from '../support/smtp-listener.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const PASSWORD = 'mail-relay-password-9';
type SmtpReply = {
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    allowUnencrypted: boolean;
    username: string | null;
    passwordSet: boolean;
  } | null;
};

let dir = '';
let tlsMail: Awaited<ReturnType<typeof startSmtpListener>>;
let plainMail: Awaited<ReturnType<typeof startSmtpListener>>;
let seatwise: SeatwiseProcess;
let browser: Browser;
let page: Page;
let api: ApiClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-smtp-journey-'));
  const cert = makeSelfSignedCert(dir);
  tlsMail = await startSmtpListener({ starttls: cert });
  plainMail = await startSmtpListener();
  // The company's mail server has a certificate from the company's own authority, which Seatwise is told to trust.
  seatwise = await startSeatwise({ NODE_EXTRA_CA_CERTS: cert.certPath });
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  await tlsMail?.close();
  await plainMail?.close();
  rmSync(dir, { recursive: true, force: true });
});

const form = () => page.getByRole('form', { name: 'SMTP server' });
const security = (name: RegExp) => form().getByRole('radio', { name });

async function sendTest(to: string) {
  await form().getByLabel('Send a test to').fill(to);
  await form().getByRole('button', { name: 'Send test' }).click();
}

describe('an admin sets up email and how it is protected', () => {
  it('STARTTLS is the default and required: the test email and the password go over TLS', async () => {
    await openPage(page, '#/settings', /^Settings$/);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Email (SMTP)' }) });
    expect(await section.innerText()).toContain(
      'Unless you choose an unencrypted local relay, Seatwise sends nothing, and never the password, ' +
        'over a connection that is not encrypted.',
    );
    expect(await security(/^STARTTLS, required/).isChecked()).toBe(true);

    await form().getByLabel('Server', { exact: true }).fill('127.0.0.1');
    await form().getByLabel('Port', { exact: true }).fill(String(tlsMail.port));
    await form().getByLabel('User name').fill('seatwise');
    await form().getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form().getByLabel('From', { exact: true }).fill('it@example.com');
    await form().getByRole('button', { name: 'Save email server' }).click();
    await form().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await api.get<SmtpReply>('/api/v1/settings/smtp')).smtp).toEqual({
      host: '127.0.0.1',
      port: tlsMail.port,
      secure: false,
      allowUnencrypted: false,
      username: 'seatwise',
      from: 'it@example.com',
      passwordSet: true,
    });

    await sendTest('ops@example.com');
    await form().getByRole('status').filter({ hasText: 'Sent a test email to ops@example.com.' }).waitFor();
    expect(tlsMail.mails.map((m) => [m.to, m.secure])).toEqual([[['ops@example.com'], true]]);
    expect(tlsMail.auths).toEqual([{ username: 'seatwise', password: PASSWORD, secure: true }]);
    await screenshot(page, 'smtp-starttls-sent');
  });

  it('a relay without STARTTLS gets nothing, and the admin is told why and what to choose', async () => {
    await form().getByLabel('Port', { exact: true }).fill(String(plainMail.port));
    await form().getByRole('button', { name: 'Save email server' }).click();
    await form().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await sendTest('ops@example.com');
    const alert = form().getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      new RegExp(
        /does not offer STARTTLS .*so nothing was sent and no password left Seatwise\. /.source +
          /.*"Unencrypted local relay" in Settings > Email/.source,
      ),
    );
    expect([plainMail.auths, plainMail.mails]).toEqual([[], []]);
    // The password was kept (left empty in the form), not dropped.
    expect((await api.get<SmtpReply>('/api/v1/settings/smtp')).smtp).toMatchObject({
      port: plainMail.port,
      allowUnencrypted: false,
      passwordSet: true,
    });
    await screenshot(page, 'smtp-no-starttls-refused');
  });

  it('choosing the unencrypted local relay is explicit, stored, and then the email goes', async () => {
    await security(/^Unencrypted local relay: the password and every email cross the network in clear/).check();
    await form().getByRole('button', { name: 'Save email server' }).click();
    await form().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await api.get<SmtpReply>('/api/v1/settings/smtp')).smtp).toMatchObject({
      secure: false,
      allowUnencrypted: true,
      passwordSet: true,
    });
    await sendTest('ops@example.com');
    await form().getByRole('status').filter({ hasText: 'Sent a test email to ops@example.com.' }).waitFor();
    expect(plainMail.mails.map((m) => [m.to, m.secure])).toEqual([[['ops@example.com'], false]]);
    expect(plainMail.auths).toEqual([{ username: 'seatwise', password: PASSWORD, secure: false }]);

    // After a reload the form shows the choice that is stored.
    await page.reload();
    await openPage(page, '#/settings', /^Settings$/);
    await waitFor(
      'the stored choice in the form',
      async () => (await security(/^Unencrypted local relay/).isChecked()) || undefined,
    );
    await screenshot(page, 'smtp-unencrypted-relay');
  });
});
