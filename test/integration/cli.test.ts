// The admin command line as admins run it: a child process on the same libSQL file the server uses.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/csv');
const CLI_TIMEOUT_MS = 60_000;

let server: TestServer;
let admin: { cookie: string };
let scratch: string;

type Run = { code: number; stdout: string; stderr: string };

function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'server/cli/main.ts'), ...args],
      {
        cwd: ROOT,
        timeout: CLI_TIMEOUT_MS,
        env: { ...process.env, DATABASE_URL: `file:${server.dbPath}`, ...options.env },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.stdin ?? '');
  });
}

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
  scratch = mkdtempSync(join(tmpdir(), 'seatwise-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('accounts and tokens', () => {
  it('creates a user with a password from stdin who can then sign in, and audits it', async () => {
    const run = await cli(['create-user', '--email', 'Finance@Example.com', '--role', 'finance', '--password-stdin'], {
      stdin: 'a-long-enough-password\n',
    });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('Created finance@example.com (finance).');
    const session = await server.login('finance@example.com', 'a-long-enough-password');
    expect((await server.call('GET', '/api/v1/me', undefined, session)).json).toMatchObject({
      email: 'finance@example.com',
      role: 'finance',
    });
    const audit = await server.db.$client.execute("select actor from audit_log where action = 'user.create'");
    expect(String(audit.rows.at(-1)!.actor)).toMatch(/^cli(:.+)?$/);
  });

  it('generates and prints a first password when none is given', async () => {
    const run = await cli(['create-user', '--email', 'it@example.com', '--role', 'it']);
    expect(run.code).toBe(0);
    const password = run.stdout.trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    await expect(server.login('it@example.com', password)).resolves.toHaveProperty('cookie');
  });

  it.each<[string, string[], string | undefined, RegExp]>([
    [
      'a short password',
      ['create-user', '--email', 'x@example.com', '--role', 'viewer', '--password-stdin'],
      'short\n',
      /--password: must be at least 12 characters/,
    ],
    [
      'an unknown role',
      ['create-user', '--email', 'x@example.com', '--role', 'owner'],
      undefined,
      /--role: Invalid option/,
    ],
    [
      'a bad email',
      ['create-user', '--email', 'nobody', '--role', 'viewer'],
      undefined,
      /--email: must be an email address/,
    ],
    [
      'an existing login',
      ['create-user', '--email', 'admin@example.com', '--role', 'viewer'],
      undefined,
      /admin@example.com already has a Seatwise login/,
    ],
    ['a missing flag', ['create-token', '--role', 'viewer'], undefined, /--name is required/],
    [
      'an unknown flag',
      ['create-token', '--name', 'x', '--role', 'viewer', '--colour', 'red'],
      undefined,
      /Unknown option '--colour'/,
    ],
  ])('refuses %s with exit 2, the reason and the usage', async (_name, args, stdin, message) => {
    const run = await cli(args, { stdin });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run cli -- ');
  });

  it('prints an API token alone on stdout that works with its role', async () => {
    const run = await cli(['create-token', '--name', 'nightly export', '--role', 'viewer']);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect((await server.call('GET', '/api/v1/subscriptions', undefined, { bearer: token })).status).toBe(200);
    expect(
      (await server.call('POST', '/api/v1/apps', { name: 'X', domains: ['x.example'] }, { bearer: token })).status,
    ).toBe(403);
  });

  it('prints an enrollment token a device can enroll with', async () => {
    const run = await cli(['create-enrollment-token', '--label', 'Windows fleet']);
    expect(run.code).toBe(0);
    const { status } = await server.call('POST', '/api/v1/devices/enroll', {
      enrollmentToken: run.stdout.trim(),
      email: 'ada@example.com',
      browser: 'edge',
      extensionVersion: '0.1.0',
    });
    expect(status).toBe(201);
  });

  it('gives an enrollment token an end date and a device cap, and refuses a cap that is not a number', async () => {
    const run = await cli([
      'create-enrollment-token',
      '--label',
      'Pilot',
      '--expires-at',
      '2099-12-31',
      '--max-devices',
      '1',
    ]);
    expect(run.code).toBe(0);
    const enroll = () =>
      server.call('POST', '/api/v1/devices/enroll', {
        enrollmentToken: run.stdout.trim(),
        email: 'ada@example.com',
        browser: 'edge',
        extensionVersion: '0.1.0',
      });
    expect((await enroll()).status).toBe(201);
    expect((await enroll()).json.error.code).toBe('enrollment_token_used_up');
    const listed = (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json.find(
      (t: { label: string }) => t.label === 'Pilot',
    );
    expect(listed).toMatchObject({ expiresAt: '2100-01-01T00:00:00.000Z', maxDevices: 1, devicesEnrolled: 1 });
    const bad = await cli(['create-enrollment-token', '--max-devices', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/max-devices|maxDevices/);
  });

  it('refuses an end date already past with exit 2, the reason and the usage, and stores no token', async () => {
    const tokens = async () => (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json.length;
    const before = await tokens();
    const run = await cli(['create-enrollment-token', '--label', 'Too late', '--expires-at', '2001-01-01']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'expiresAt: must be in the future; a token that has expired already enrolls nothing.\n',
    );
    expect(run.stderr).toContain('Usage: npm run cli -- create-enrollment-token');
    expect(await tokens()).toBe(before);
  });
});

describe('imports and reconciliation', () => {
  let subscriptionId: number;
  beforeAll(async () => {
    const { json } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Business+', metric: 'named_user', seats: 10, unitCost: 1250, currency: 'EUR' },
      admin,
    );
    subscriptionId = json.id;
  });

  it('imports people from a file, with a dry run first', async () => {
    const file = join(FIXTURES, 'hr-bamboohr-directory.csv');
    const dry = await cli(['import-people', '--file', file, '--dry-run']);
    expect(dry.stdout).toContain('People, merge: 5 rows; 5 added, 0 updated, 0 unchanged, 2 now leavers, 0 skipped.');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect((await server.call('GET', '/api/v1/people', undefined, admin)).json.total).toBe(1);
    const run = await cli(['import-people', '--file', file, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ added: 5, leavers: 2, dryRun: false });
    expect((await server.call('GET', '/api/v1/people?status=left', undefined, admin)).json.total).toBe(2);
  });

  it('imports a vendor seat list into a subscription and lists skipped rows', async () => {
    const run = await cli([
      'import-seats',
      '--subscription',
      String(subscriptionId),
      '--file',
      join(FIXTURES, 'slack-members.csv'),
      '--assigned-at',
      '2026-01-01',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        /^Seats of subscription \d+ \(slack Business\+\), merge: 9 rows; /.source +
          /5 added, 0 updated, 0 removed, 0 unchanged, 4 skipped\./.source,
      ),
    );
    expect(run.stdout).toContain('  skipped row 6: deactivated account');
    const seats = await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin);
    expect(seats.json.map((s: { assignedAt: string }) => s.assignedAt)).toEqual(Array(5).fill('2026-01-01'));
  });

  it('rejects a bad file with its row and exit 1, and a missing file or subscription with exit 2', async () => {
    const bad = await cli([
      'import-seats',
      '--subscription',
      String(subscriptionId),
      '--file',
      join(FIXTURES, 'broken-bad-date.csv'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Row 3: "last Tuesday" in column "last login" is not a date/);
    const missing = await cli(['import-people', '--file', join(scratch, 'nope.csv')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('nope.csv: no such file')]);
    const unknown = await cli(['import-seats', '--subscription', '999', '--file', join(FIXTURES, 'slack-members.csv')]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('there is no subscription 999')]);
  });

  it('prints the reconciliation as the API computes it, as JSON and as a table', async () => {
    const json = await cli(['reconciliation', '--as-of', '2026-11-20', '--json']);
    expect(json.code).toBe(0);
    const api = await server.call('GET', '/api/v1/reconciliation?asOf=2026-11-20', undefined, admin);
    expect(JSON.parse(json.stdout)).toEqual(api.json);

    const table = await cli(['reconciliation', '--as-of', '2026-11-20']);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('Reconciliation as of 2026-11-20: 1 subscription.');
    const row = api.json.subscriptions[0];
    const cells = lines
      .find((l) => l.trimStart().startsWith(`${subscriptionId}  Slack`))!
      .split(/\s{2,}/)
      .map((c) => c.trim());
    expect(cells).toEqual([
      String(subscriptionId),
      'Slack',
      'Business+',
      'named_user',
      '10',
      '5',
      '0',
      String(row.counts.grace),
      String(row.counts.idle),
      String(row.counts.never_used),
      String(row.counts.unmonitored),
      String(row.counts.left),
      '0%',
      String(row.reclaimable),
      String(row.recommendedSeats),
      String(row.licencePosition),
      'EUR',
      '125.00',
      (row.reclaimableAnnualCost / 100).toFixed(2),
    ]);
    expect(table.stdout).toMatch(/EUR\s+10\s+5\s+0\s+\d+\s+125\.00/);
    expect((await cli(['reconciliation', '--as-of', '2026-02-30'])).stderr).toContain(
      '--as-of: must be a real calendar day',
    );
  });
});

describe('backup', () => {
  it('copies the database while it is open, checks the copy, and refuses to overwrite without --force', async () => {
    const target = join(scratch, 'backup.db');
    const run = await cli(['backup', target]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/integrity ok/);
    // The copy is the owner's alone, and the note says its key is not in it.
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(run.stderr).toContain(
      `Its secrets are encrypted with the key file ${server.dbPath}.key, which is not in the copy`,
    );
    const copy = createClient({ url: `file:${target}` });
    const [original, copied] = await Promise.all([
      server.db.$client.execute('select email from people order by email'),
      copy.execute('select email from people order by email'),
    ]);
    copy.close();
    expect(copied.rows.map((r) => r.email)).toEqual(original.rows.map((r) => r.email));
    expect(copied.rows.length).toBeGreaterThan(3);

    expect((await cli(['backup', target])).stderr).toContain('already exists; pass --force');
    expect((await cli(['backup', target, '--force'])).code).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect((await cli(['backup', server.dbPath])).stderr).toContain('cannot be the database itself');
    expect((await cli(['backup'])).code).toBe(2);
  });

  it('explains that a remote database is backed up by its own server', async () => {
    const run = await cli(['backup', join(scratch, 'remote.db')], {
      env: { DATABASE_URL: 'libsql://127.0.0.1:9', SEATWISE_SECRET_KEY: 'a'.repeat(64) },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('for a libSQL server or Turso, use its own backups');
    expect(existsSync(join(scratch, 'remote.db'))).toBe(false);
  });
});

describe('forget-secrets', () => {
  const whenTheKeyIsLost =
    'when the key is lost: refuses without --yes, then drops the secrets so the server starts with a new key';
  it(whenTheKeyIsLost, async () => {
    const dbPath = join(scratch, 'lost-key.db');
    const old = await createTestServer({ dbPath });
    const oldAdmin = await old.login();
    await old.call(
      'PUT',
      '/api/v1/settings/smtp',
      {
        host: 'mail.example.com',
        port: 587,
        secure: false,
        username: 'mailer',
        password: 'gone-with-the-key',
        from: 'it@example.com',
      },
      oldAdmin,
    );
    const hook = (
      await old.call('POST', '/api/v1/webhooks', { name: 'IT channel', url: 'https://hooks.example.com/x' }, oldAdmin)
    ).json;
    await old.close();
    rmSync(`${dbPath}.key`);
    const env = { DATABASE_URL: `file:${dbPath}` };

    const refused = await cli(['forget-secrets'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('this drops every stored secret for good');
    expect(existsSync(`${dbPath}.key`)).toBe(false);

    const run = await cli(['forget-secrets', '--yes'], { env });
    expect(run.stderr).toContain(
      `Forgotten. Stored secrets are now encrypted with the key file ${dbPath}.key; back it up.`,
    );
    expect(run.code).toBe(0);
    const printed = run.stdout.match(/^webhook (\d+) \(IT channel\): (whsec_[A-Za-z0-9_-]+)$/m);
    expect(printed?.[1]).toBe(String(hook.id));
    expect(printed![2]).not.toBe(hook.secret);
    expect(statSync(`${dbPath}.key`).mode & 0o777).toBe(0o600);

    const again = await createTestServer({ dbPath });
    try {
      const admin = await again.login();
      expect((await again.call('GET', '/api/v1/settings/smtp', undefined, admin)).json.smtp).toMatchObject({
        host: 'mail.example.com',
        passwordSet: false,
      });
      expect((await again.call('GET', '/api/v1/webhooks', undefined, admin)).json[0].secretHint).toBe(
        `…${printed![2]!.slice(-4)}`,
      );
      const audit = (await again.call('GET', '/api/v1/audit?action=secrets.forget', undefined, admin)).json;
      expect(JSON.stringify(audit)).not.toContain(printed![2]);
    } finally {
      await again.close();
    }
  });
});

describe('help', () => {
  it('lists the commands, and refuses an unknown one with exit 2', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    for (const name of [
      'create-user',
      'create-token',
      'create-enrollment-token',
      'import-people',
      'import-seats',
      'reconciliation',
      'backup',
      'forget-secrets',
    ])
      expect(help.stdout).toContain(`  ${name}`);
    const unknown = await cli(['frobnicate']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no command "frobnicate"')]);
  });
});
