// Vendor seat-list imports over real HTTP on a libSQL file, with exports modelled on real admin consoles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let server: TestServer;
let admin: { cookie: string };
let subscriptionId: number;

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
  const { json } = await server.call(
    'POST',
    '/api/v1/subscriptions',
    { appId: 'slack', plan: 'Business+', metric: 'named_user', seats: 10, unitCost: 1500, currency: 'USD' },
    admin,
  );
  subscriptionId = json.id;
});
afterEach(async () => server.close());

async function upload(
  csv: string,
  query = '',
  auth: { cookie?: string; bearer?: string } = admin,
  contentType = 'text/csv',
) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  const response = await server.app.request(`/api/v1/subscriptions/${subscriptionId}/seats/import${query}`, {
    method: 'POST',
    headers,
    body: csv,
  });
  return { status: response.status, json: await response.json() };
}

async function seats() {
  const { json } = await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin);
  return (json as { email: string; vendorLastActiveAt: string | null; assignedAt: string }[]).map((s) => [
    s.email,
    s.vendorLastActiveAt,
    s.assignedAt,
  ]);
}

const dump = async () =>
  JSON.stringify((await server.db.$client.execute('select * from seats order by id')).rows) +
  JSON.stringify((await server.db.$client.execute('select email from people order by id')).rows);

describe('vendor exports', () => {
  it.each<[string, string, string[], [number, string][], [string, string | null, string][]]>([
    [
      'Slack member export',
      'slack-members.csv',
      ['email', 'status', 'billing-active'],
      [
        [5, 'not billable'],
        [6, 'deactivated account'],
        [7, 'guest (free)'],
        [9, 'bot or integration'],
      ],
      [
        ['ada@example.com', null, '2026-11-20'],
        ['agency@partner.example', null, '2026-11-20'],
        ['alan@example.com', null, '2026-11-20'],
        ['grace@example.com', null, '2026-11-20'],
        ['ken@example.com', null, '2026-11-20'],
      ],
    ],
    [
      'Atlassian users with "Never" and day-month-name dates',
      'atlassian-users.csv',
      ['email', 'Last seen in Jira Software', 'User status', 'Org role'],
      [
        [5, 'deactivated account'],
        [6, 'bot or integration'],
        [7, 'guest (free)'],
      ],
      [
        ['ada@example.com', '2026-11-18', '2024-01-12'],
        ['alan@example.com', null, '2026-10-20'],
        ['grace@example.com', '2026-09-02', '2025-03-03'],
      ],
    ],
    [
      'GitHub members with ISO timestamps in zones',
      'github-members.csv',
      ['email', 'last_active', 'role'],
      [[5, 'bot or integration']],
      [
        ['ada@example.com', '2026-11-19', '2026-11-20'],
        ['alan@example.com', null, '2026-11-20'],
        ['grace@example.com', '2026-08-30', '2026-11-20'],
        ['ken@example.com', '2026-11-21', '2026-11-20'],
      ],
    ],
    [
      'Microsoft 365 with a BOM, semicolons and European dates',
      'm365-users.csv',
      ['User principal name', 'Last activity date (UTC)', 'Licenses', 'Block credential'],
      [
        [5, 'no licence assigned'],
        [6, 'deactivated account'],
      ],
      [
        ['ada@example.com', '2026-11-18', '2026-11-20'],
        ['alan@example.com', null, '2026-11-20'],
        ['grace@example.com', '2026-09-02', '2026-11-20'],
      ],
    ],
    [
      'Salesforce with CRLF, quoted commas, a line break in a field and US dates with times',
      'salesforce-users.csv',
      ['Email', 'Last Login', 'Profile', 'Active'],
      [
        [5, 'bot or integration'],
        [6, 'deactivated account'],
      ],
      [
        ['ada@example.com', '2026-11-19', '2026-11-20'],
        ['alan@example.com', null, '2026-11-20'],
        ['grace@example.com', '2026-10-02', '2026-11-20'],
      ],
    ],
    [
      'Notion members with epoch seconds',
      'notion-members.csv',
      ['Email', 'Last active', 'Role'],
      [[4, 'guest (free)']],
      [
        ['ada@example.com', '2026-11-19', '2026-11-20'],
        ['alan@example.com', null, '2026-11-20'],
        ['grace@example.com', '2026-09-08', '2026-11-20'],
      ],
    ],
    [
      'Zoom users with free Basic accounts and US creation dates',
      'zoom-users.csv',
      ['Email', 'Last Login Time', 'User Type'],
      [[4, 'free account']],
      [
        ['ada@example.com', '2026-11-18', '2024-01-02'],
        ['grace@example.com', '2026-09-02', '2025-03-25'],
      ],
    ],
  ])('%s', async (_name, file, columnsUsed, skipped, expectedSeats) => {
    const { status, json } = await upload(fixture(file));
    expect(status, JSON.stringify(json)).toBe(200);
    expect([json.columns.email, json.columns.lastActive, ...json.columns.status].filter(Boolean)).toEqual(
      expect.arrayContaining(columnsUsed),
    );
    expect(json.skipped.map((s: { row: number; reason: string }) => [s.row, s.reason])).toEqual(skipped);
    expect(json).toMatchObject({
      mode: 'merge',
      dryRun: false,
      added: expectedSeats.length,
      updated: 0,
      removed: 0,
      unchanged: 0,
    });
    expect(await seats()).toEqual(expectedSeats);
  });
});

describe('merge, replace and preview', () => {
  it('says which added holders are not in the people directory yet, and creates them only when applied', async () => {
    await server.app.request('/api/v1/people/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: 'email,name\nknown@example.com,Kim Known\n',
    });
    const csv = [
      'email,date added',
      'known@example.com,2026-01-05',
      'new.one@example.com,2026-01-05',
      'new.two@example.com,2026-01-05',
      '',
    ].join('\n');
    const preview = await upload(csv, '?dryRun=true');
    expect(preview.json).toMatchObject({ added: 3, newPeople: 2 });
    expect(preview.json.warnings).toEqual([
      '2 emails are not in the people directory (new.one@example.com, new.two@example.com): ' +
        'importing adds them as new active people without a department. ' +
        'Check for typos and outside accounts, or import the HR list first (People).',
    ]);
    expect(
      preview.json.changes.map((c: { email: string; after: { newPerson?: boolean } }) => [
        c.email,
        c.after.newPerson ?? false,
      ]),
    ).toEqual([
      ['known@example.com', false],
      ['new.one@example.com', true],
      ['new.two@example.com', true],
    ]);
    const people = async () =>
      (await server.call('GET', '/api/v1/people?limit=100', undefined, admin)).json.people
        .map((p: { email: string }) => p.email)
        .sort();
    expect(await people()).not.toContain('new.one@example.com');
    expect((await upload(csv)).json).toMatchObject({ added: 3, newPeople: 2 });
    expect(await people()).toEqual(expect.arrayContaining(['new.one@example.com', 'new.two@example.com']));
    expect((await upload(csv, '?dryRun=true')).json).toMatchObject({ added: 0, newPeople: 0, warnings: [] });
  });

  it('merge adds and updates; replace also removes seats missing from the file', async () => {
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/seats`, { email: 'manual@example.com' }, admin);
    expect(
      (await upload('email,last seen\nada@example.com,2026-11-01\ngrace@example.com,2026-11-02\n')).json,
    ).toMatchObject({ added: 2 });
    const merged = await upload(
      'email,last seen\nada@example.com,2026-11-15\ngrace@example.com,2026-11-02\nalan@example.com,\n',
    );
    expect(merged.json).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: 0, newPeople: 1 });
    expect(merged.json.changes).toEqual([
      {
        email: 'alan@example.com',
        change: 'add',
        after: { vendorLastActiveAt: null, assignedAt: '2026-11-20', newPerson: true },
      },
      {
        email: 'ada@example.com',
        change: 'update',
        before: { vendorLastActiveAt: '2026-11-01' },
        after: { vendorLastActiveAt: '2026-11-15' },
      },
    ]);
    const replaced = await upload(
      'email,last seen\nada@example.com,2026-11-15\n',
      '?mode=replace&assignedAt=2026-01-01',
    );
    expect(replaced.json).toMatchObject({ mode: 'replace', added: 0, unchanged: 1, removed: 3 });
    expect(await seats()).toEqual([['ada@example.com', '2026-11-15', '2026-11-20']]);
    const audit = await server.db.$client.execute(
      "select actor, after from audit_log where action = 'seat.import' order by id",
    );
    expect(audit.rows.map((r) => JSON.parse(String(r.after)).removed)).toEqual([0, 0, 3]);
    expect(audit.rows[0]!.actor).toBe('user:admin@example.com');
  });

  it('a dry run answers the same numbers and changes nothing', async () => {
    await upload('email\nada@example.com\n');
    const before = await dump();
    const preview = await upload(fixture('slack-members.csv'), '?mode=replace&dryRun=true');
    expect(preview.json).toMatchObject({ dryRun: true, added: 4, unchanged: 1, removed: 0 });
    expect(await dump()).toBe(before);
    expect((await upload(fixture('slack-members.csv'), '?mode=replace')).json).toMatchObject({
      dryRun: false,
      added: 4,
      unchanged: 1,
    });
  });

  it('takes the file as a multipart form field', async () => {
    const form = new FormData();
    form.set('file', new File([fixture('github-members.csv')], 'members.csv', { type: 'text/csv' }));
    const response = await server.app.request(`/api/v1/subscriptions/${subscriptionId}/seats/import`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    expect(response.status).toBe(200);
    expect((await response.json()).added).toBe(4);
  });

  it('makes a holder active by the vendor last-active date and a stale one idle', async () => {
    await upload(
      'email,last login,date added\nada@example.com,2026-11-10,2026-01-01\ngrace@example.com,2026-08-01,2026-01-01\n',
    );
    const device = await server.enrollDevice('grace@example.com', admin);
    await server.call(
      'POST',
      '/api/v1/devices/usage',
      { records: [{ appId: 'slack', day: '2026-08-01', activeSeconds: 600, visits: 1, lastActiveAt: null }] },
      { bearer: device.deviceToken },
    );
    await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: device.deviceToken });
    const { json } = await server.call(
      'GET',
      `/api/v1/subscriptions/${subscriptionId}/reconciliation?asOf=2026-11-20`,
      undefined,
      admin,
    );
    expect(
      json.holders.map((h: { email: string; status: string; lastActiveAt: string }) => [
        h.email,
        h.status,
        h.lastActiveAt,
      ]),
    ).toEqual([
      ['ada@example.com', 'active', '2026-11-10T00:00:00Z'],
      ['grace@example.com', 'idle', '2026-08-01T00:00:00Z'],
    ]);
  });

  it('imports 50,000 rows in one request', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `user${i}@example.com,${i % 10 === 0 ? 'Deactivated' : 'Member'},11/${(i % 28) + 1}/2026`,
    );
    const { status, json } = await upload(['email,status,last active', ...rows].join('\r\n'));
    expect(status).toBe(200);
    expect(json).toMatchObject({ rows: 50_000, added: 45_000, changesTruncated: true });
    expect(json.skipped).toHaveLength(5_000);
    expect(json.changes).toHaveLength(500);
    const count = await server.db.$client.execute('select count(*) as n from seats');
    expect(Number(count.rows[0]!.n)).toBe(45_000);
  });
});

describe('bad files and requests', () => {
  it.each<[string, string, RegExp]>([
    ['an unterminated quote', 'broken-unterminated-quote.csv', /^Row 3: a quoted field is never closed/],
    [
      'no email column',
      'broken-no-email-column.csv',
      /^Row 1: no email column: the header has "Full Name", "Role", "Last seen"/,
    ],
    ['a date that is not one', 'broken-bad-date.csv', /^Row 3: "last Tuesday" in column "last login" is not a date/],
    [
      'an invalid email',
      'broken-bad-email.csv',
      /^Row 3: "grace at example.com" in column "email" is not an email address/,
    ],
  ])('rejects %s whole, with the row, and stores nothing', async (_name, file, message) => {
    await upload('email\nkeep@example.com\n');
    const before = await dump();
    const { status, json } = await upload(fixture(file), '?mode=replace');
    expect(status).toBe(400);
    expect(json.error.code).toBe('invalid_csv');
    expect(json.error.message).toMatch(message);
    expect(await dump()).toBe(before);
  });

  it('refuses more than 50,000 rows, an empty body, a wrong content type and a bad mode', async () => {
    const many = ['email', ...Array.from({ length: 50_001 }, (_, i) => `u${i}@example.com`)].join('\n');
    expect((await upload(many)).json.error.message).toMatch(/50,001 rows is more than the 50,000/);
    expect((await upload('')).json.error.code).toBe('invalid_csv');
    const json = await upload('{"email":"a@example.com"}', '', admin, 'application/json');
    expect([json.status, json.json.error.code]).toEqual([415, 'unsupported_media_type']);
    expect((await upload('email\na@example.com\n', '?mode=overwrite')).status).toBe(400);
    expect((await upload('email\na@example.com\n', '?dryRun=maybe')).status).toBe(400);
  });

  it('refuses a body over 20 MB with 413', async () => {
    const huge = `email,note\n${`a@example.com,${'x'.repeat(1000)}\n`.repeat(21_000)}`;
    const { status, json } = await upload(huge);
    expect([status, json.error.code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 404 for an unknown subscription and 403 to roles that do not manage seats', async () => {
    const missing = await server.app.request('/api/v1/subscriptions/999/seats/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: 'email\na@example.com\n',
    });
    expect(missing.status).toBe(404);
    for (const role of ['viewer', 'finance'] as const) {
      expect((await upload('email\na@example.com\n', '', await server.signedInAs(role))).status).toBe(403);
    }
    expect((await upload('email\na@example.com\n', '', await server.signedInAs('it'))).status).toBe(200);
  });
});
