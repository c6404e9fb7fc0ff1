// Secrets at rest on a real libSQL file: what the database file and its WAL hold after secrets are saved, the
// files' modes, an installation upgrading from plaintext secrets, and a start with the wrong or a missing key.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseStartError, openDatabase } from '../../server/db/client.ts';
import { checkReclaimToken, makeReclaimToken } from '../../server/domain/reclaim-link.ts';
import { verifySignature } from '../../server/notify/signature.ts';
import { linkSecret } from '../../server/queries/link-secret.ts';
import { parseSecretKey } from '../../server/secrets/secret-key.ts';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { startSmtpListener } from '../support/smtp-listener.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

const SMTP_PASSWORD = 'smtp-Pa55word-kept-at-rest';
const modeOf = (path: string) => statSync(path).mode & 0o777;
/** Everything libSQL has written for the database: the main file and, in WAL mode, the log not yet checkpointed. */
const rawBytes = (dbPath: string) =>
  Buffer.concat([dbPath, `${dbPath}-wal`].filter(existsSync).map((path) => readFileSync(path)));

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-secrets-'));
  dbPath = join(dir, 'seatwise.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets at rest', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  const secretsOutOfTheFile =
    'keeps the SMTP password, a webhook secret and the reclaim-link key out of the database file and its WAL, ' +
    'all files 0600';
  it(secretsOutOfTheFile, async () => {
    server = await createTestServer({ dbPath });
    const admin = await server.login();
    const saved = await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      {
        host: 'mail.at-rest.example',
        port: 587,
        secure: false,
        username: 'mailer',
        password: SMTP_PASSWORD,
        from: 'it@example.com',
      },
      admin,
    );
    expect(saved.json.smtp).toMatchObject({ passwordSet: true, allowUnencrypted: false });
    const hook = await server.call(
      'POST',
      '/api/v1/webhooks',
      { name: 'IT channel', url: 'https://hooks.example.com/x' },
      admin,
    );
    const webhookSecret = hook.json.secret as string;
    expect((await server.call('GET', '/api/v1/webhooks', undefined, admin)).json[0].secretHint).toBe(
      `…${webhookSecret.slice(-4)}`,
    );
    const linkKey = await linkSecret(server.db);

    const bytes = rawBytes(dbPath);
    // The scan can see what was saved beside the secrets: a secret not found is not a blind scan.
    expect(bytes.includes(Buffer.from('mail.at-rest.example'))).toBe(true);
    expect(bytes.includes(Buffer.from('hooks.example.com'))).toBe(true);
    for (const secret of [SMTP_PASSWORD, webhookSecret, linkKey])
      expect(bytes.includes(Buffer.from(secret)), secret.slice(0, 6)).toBe(false);

    const stored = await server.db.$client.execute(
      "select (select value from settings where key = 'smtp') as smtp, " +
        "(select value from settings where key = 'link_secret') as link, " +
        '(select secret from webhooks) as hook',
    );
    expect(JSON.parse(String(stored.rows[0]!.smtp)).password).toMatch(/^sw1:/);
    expect(JSON.parse(String(stored.rows[0]!.link))).toMatch(/^sw1:/);
    expect(String(stored.rows[0]!.hook)).toMatch(/^sw1:/);

    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.key`])
      expect([file, modeOf(file)]).toEqual([file, 0o600]);
  });

  const upgradesPlaintextSecrets =
    'upgrades an installation with plaintext secrets: sealed at start, ' +
    'and the old password, signatures and links still work';
  it(upgradesPlaintextSecrets, async () => {
    const smtp = await startSmtpListener();
    const receiver = await startWebhookReceiver();
    try {
      // An installation from before encryption: plaintext secrets, a reclaim email sent with its link kept, no key.
      const old = await createTestServer({ dbPath });
      const legacyHook = 'whsec_legacyPlaintextSecret0123456789';
      const legacyLinkKey = 'legacy-link-key-0123456789abcdefghijklmnopq';
      const legacyToken = makeReclaimToken(legacyLinkKey, 1, Date.parse('2026-11-27T00:00:00Z'));
      const legacyLink = `http://127.0.0.1/reclaim/${legacyToken}`;
      await old.db.$client.batch(
        [
          {
            sql: `insert into settings (key, value) values ('smtp', ?)`,
            args: [
              JSON.stringify({
                host: '127.0.0.1',
                port: smtp.port,
                secure: false,
                username: 'mailer',
                password: SMTP_PASSWORD,
                from: 'it@example.com',
              }),
            ],
          },
          { sql: `insert into settings (key, value) values ('link_secret', ?)`, args: [JSON.stringify(legacyLinkKey)] },
          {
            sql: `insert into webhooks (name, url, secret) values ('IT channel', ?, ?)`,
            args: [receiver.url, legacyHook],
          },
          {
            sql:
              'insert into deliveries (channel, recipient, event, payload, state, next_attempt_at) ' +
              "values ('email', 'idle@example.com', 'reclaim.request', ?, 'delivered', 0)",
            args: [
              JSON.stringify({
                subject: '[Seatwise] Do you still need your Figma seat?',
                text: `Answer here: ${legacyLink}`,
                html: `<a href="${legacyLink}">x</a>`,
              }),
            ],
          },
          `delete from settings where key = 'secret_key_check'`,
        ],
        'write',
      );
      await old.close();
      rmSync(`${dbPath}.key`);
      expect(rawBytes(dbPath).includes(Buffer.from(SMTP_PASSWORD))).toBe(true);

      server = await createTestServer({ dbPath });
      expect(modeOf(`${dbPath}.key`)).toBe(0o600);
      const raw = createClient({ url: `file:${dbPath}` });
      const stored = await raw.execute(
        "select (select value from settings where key = 'smtp') as smtp, " +
          "(select value from settings where key = 'link_secret') as link, " +
          '(select secret from webhooks) as hook, (select payload from deliveries) as sent',
      );
      raw.close();
      expect(JSON.parse(String(stored.rows[0]!.smtp)).password).toMatch(/^sw1:/);
      expect(JSON.parse(String(stored.rows[0]!.link))).toMatch(/^sw1:/);
      expect(String(stored.rows[0]!.hook)).toMatch(/^sw1:/);
      expect(JSON.parse(String(stored.rows[0]!.sent))).toEqual({
        subject: '[Seatwise] Do you still need your Figma seat?',
      });
      // Not only the rows: the replaced plaintext is gone from the file's pages and the WAL.
      for (const secret of [SMTP_PASSWORD, legacyHook, legacyLinkKey, legacyLink.split('/reclaim/')[1]!])
        expect(rawBytes(dbPath).includes(Buffer.from(secret)), secret.slice(0, 8)).toBe(false);
      expect(rawBytes(dbPath).includes(Buffer.from('Do you still need your Figma seat?'))).toBe(true);

      // Links sent before the upgrade still open; webhook receivers keep their secret.
      expect(
        checkReclaimToken(await linkSecret(server.db), legacyLink.split('/reclaim/')[1]!, server.clock.now.getTime()),
      ).toMatchObject({ ok: true, reclaimId: 1 });
      const admin = await server.login();
      expect((await server.call('POST', '/api/v1/webhooks/1/test', undefined, admin)).status).toBe(202);
      expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      const post = receiver.posts[0]!;
      expect(
        verifySignature(
          legacyHook,
          Number(post.headers['x-seatwise-timestamp']),
          post.body,
          post.headers['x-seatwise-signature']!,
        ),
      ).toBe(true);

      // The old settings said nothing about encryption, so TLS is now required and this relay offers none.
      const refused = await server.call('POST', '/api/v1/settings/smtp/test', { to: 'ops@example.com' }, admin);
      expect([refused.status, refused.json.error.code]).toEqual([502, 'smtp_failed']);
      expect(refused.json.error.message).toMatch(
        new RegExp(
          /the mail server 127\.0\.0\.1:\d+ does not offer STARTTLS .*, /.source +
            /so nothing was sent and no password left Seatwise\. /.source +
            /.*"Unencrypted local relay" in Settings > Email/.source,
        ),
      );
      expect([smtp.auths, smtp.mails]).toEqual([[], []]);
      // The admin chooses the unencrypted local relay and keeps the stored password: it is the old one.
      await server.call(
        'PUT',
        '/api/v1/settings/smtp',
        {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          allowUnencrypted: true,
          username: 'mailer',
          from: 'it@example.com',
        },
        admin,
      );
      expect((await server.call('POST', '/api/v1/settings/smtp/test', { to: 'ops@example.com' }, admin)).json).toEqual({
        sent: true,
      });
      expect(smtp.auths).toEqual([{ username: 'mailer', password: SMTP_PASSWORD, secure: false }]);
      expect(rawBytes(dbPath).includes(Buffer.from(SMTP_PASSWORD))).toBe(false);
    } finally {
      await smtp.close();
      await receiver.close();
    }
  });

  it('takes group and other access away from database files an older version left 0644, and nothing more', async () => {
    const old = await createTestServer({ dbPath });
    await old.close();
    chmodSync(dbPath, 0o644);
    server = await createTestServer({ dbPath });
    expect(modeOf(dbPath)).toBe(0o600);
    await server.close();
    // A file the admin made read-only stays read-only (the write probe then says so, as before; root writes anyway).
    chmodSync(dbPath, 0o444);
    const opened = await openDatabase({ url: `file:${dbPath}` }).catch((error: unknown) => error);
    if (opened && typeof opened === 'object' && '$client' in opened)
      (opened as { $client: { close: () => void } }).$client.close();
    expect(modeOf(dbPath)).toBe(0o400);
    chmodSync(dbPath, 0o600);
    server = await createTestServer({ dbPath });
  });

  it('refuses to start with another key or without the key file, saying what to do and never the key', async () => {
    server = await createTestServer({ dbPath });
    await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      {
        host: 'mail.example.com',
        port: 587,
        secure: false,
        username: 'mailer',
        password: SMTP_PASSWORD,
        from: 'it@example.com',
      },
      await server.login(),
    );
    const url = `file:${dbPath}`;
    const keyFile = `${dbPath}.key`;
    const wrong = randomBytes(32);

    const mismatch = await openDatabase({ url, secretKey: wrong }).then(
      () => null,
      (error: Error) => error,
    );
    expect(mismatch).toBeInstanceOf(DatabaseStartError);
    expect(mismatch!.message).toBe(
      'the secrets in this database were encrypted with another key than SEATWISE_SECRET_KEY: ' +
        'set SEATWISE_SECRET_KEY to the key they were encrypted with, ' +
        "or restore the database's key file from the backup taken with it; " +
        'if the key is lost for good, `npm run cli -- forget-secrets --yes` drops the secrets it protected',
    );
    expect(mismatch!.message).not.toContain(wrong.toString('hex'));

    renameSync(keyFile, `${keyFile}.away`);
    const missing = await openDatabase({ url }).then(
      () => null,
      (error: Error) => error,
    );
    expect(missing).toBeInstanceOf(DatabaseStartError);
    expect(missing!.message).toBe(
      `the database holds encrypted secrets but their key file ${keyFile} is missing: ` +
        'restore it from the backup taken with the database (it is named after the database file), ' +
        'or set SEATWISE_SECRET_KEY to that key; ' +
        'if the key is lost for good, `npm run cli -- forget-secrets --yes` drops the secrets it protected',
    );
    expect(existsSync(keyFile)).toBe(false);

    // The key file's text is what SEATWISE_SECRET_KEY takes: the same database opens with either.
    const again = await openDatabase({ url, secretKey: parseSecretKey(readFileSync(`${keyFile}.away`, 'utf8'))! });
    expect(again.$secrets.keySource).toBe('SEATWISE_SECRET_KEY');
    again.$client.close();
    renameSync(`${keyFile}.away`, keyFile);
    expect(
      (await server.call('GET', '/api/v1/settings/smtp', undefined, await server.login())).json.smtp.passwordSet,
    ).toBe(true);
  });
});
