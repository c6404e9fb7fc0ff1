// SMTP with the password on the line: TLS is required unless the admin chose an unencrypted local relay, and a
// server without STARTTLS (or with a certificate nobody trusts) gets neither the password nor a message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { makeSelfSignedCert } from '../support/self-signed-cert.ts';
import { startSmtpListener } from '../support/smtp-listener.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const PASSWORD = 'relay-password-on-the-line';
let server: TestServer;
let admin: { cookie: string };
let dir: string;
beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
  dir = mkdtempSync(join(tmpdir(), 'seatwise-smtp-tls-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const putSmtp = (port: number, choice: { secure?: boolean; allowUnencrypted?: boolean }) =>
  server.call(
    'PUT',
    '/api/v1/settings/smtp',
    {
      host: '127.0.0.1',
      port,
      secure: false,
      ...choice,
      username: 'mailer',
      password: PASSWORD,
      from: 'it@example.com',
    },
    admin,
  );
const testEmail = () => server.call('POST', '/api/v1/settings/smtp/test', { to: 'ops@example.com' }, admin);

describe('SMTP over TLS', () => {
  const noStarttlsNoPassword =
    'with TLS required, a server that offers no STARTTLS gets no password and no email, and the delivery log says why';
  it(noStarttlsNoPassword, async () => {
    const smtp = await startSmtpListener();
    try {
      const saved = await putSmtp(smtp.port, {});
      expect(saved.json.smtp).toMatchObject({ secure: false, allowUnencrypted: false, passwordSet: true });
      const refused = await testEmail();
      expect([refused.status, refused.json.error.code]).toEqual([502, 'smtp_failed']);
      expect(refused.json.error.message).toMatch(
        /does not offer STARTTLS .*so nothing was sent and no password left Seatwise/,
      );

      // An alert email from the outbox fails the same way, with the reason in the delivery log.
      await server.call('PATCH', '/api/v1/settings/alerts', { emailRecipients: ['finance@example.com'] }, admin);
      await server.call(
        'POST',
        '/api/v1/subscriptions',
        {
          appId: 'zoom',
          plan: 'Pro',
          metric: 'named_user',
          seats: 10,
          unitCost: 1000,
          currency: 'USD',
          renewalDate: '2026-11-01',
          autoRenew: false,
        },
        admin,
      );
      await server.call('POST', '/api/v1/alerts/evaluate', undefined, admin);
      expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      const [delivery] = (await server.call('GET', '/api/v1/deliveries', undefined, admin)).json.deliveries;
      expect(delivery).toMatchObject({ channel: 'email', state: 'pending', attempts: 1 });
      expect(delivery.lastError).toMatch(/^the mail server 127\.0\.0\.1:\d+ does not offer STARTTLS/);
      expect(JSON.stringify(delivery)).not.toContain(PASSWORD);
      expect([smtp.auths, smtp.mails]).toEqual([[], []]);
    } finally {
      await smtp.close();
    }
  });

  it('with STARTTLS offered under a certificate nobody trusts, the password is not sent either', async () => {
    const smtp = await startSmtpListener({ starttls: makeSelfSignedCert(dir) });
    try {
      await putSmtp(smtp.port, {});
      const refused = await testEmail();
      expect(refused.status).toBe(502);
      expect(refused.json.error.message).toMatch(
        new RegExp(
          /the certificate of the mail server 127\.0\.0\.1:\d+ is not trusted \(self-signed certificate\), /.source +
            /so nothing was sent and no password left Seatwise\. .*NODE_EXTRA_CA_CERTS/.source,
        ),
      );
      expect([smtp.auths, smtp.mails]).toEqual([[], []]);
    } finally {
      await smtp.close();
    }
  });

  it('sends through an unencrypted local relay only when the admin chose it, and audits the choice', async () => {
    const smtp = await startSmtpListener();
    try {
      const saved = await putSmtp(smtp.port, { allowUnencrypted: true });
      expect(saved.json.smtp).toMatchObject({ secure: false, allowUnencrypted: true });
      expect((await testEmail()).json).toEqual({ sent: true });
      expect(smtp.auths).toEqual([{ username: 'mailer', password: PASSWORD, secure: false }]);
      expect(smtp.mails.map((m) => [m.to, m.secure])).toEqual([[['ops@example.com'], false]]);
      const audit = (await server.call('GET', '/api/v1/audit?action=settings.update', undefined, admin)).json;
      expect(JSON.stringify(audit)).toContain('"allowUnencrypted":true');
      expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    } finally {
      await smtp.close();
    }
  });

  it('refuses a choice that is not a boolean, and stores nothing', async () => {
    const bad = await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      { host: '127.0.0.1', port: 25, secure: false, allowUnencrypted: 'yes', username: null, from: 'it@example.com' },
      admin,
    );
    expect(bad.status).toBe(400);
    expect((await server.call('GET', '/api/v1/settings/smtp', undefined, admin)).json).toEqual({ smtp: null });
  });
});
