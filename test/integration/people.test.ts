// People over real HTTP on a libSQL file: HR/directory imports from several systems, the directory and leavers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

async function upload(csv: string, query = '', auth: { cookie?: string } = admin, contentType = 'text/csv') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await server.app.request(`/api/v1/people/import${query}`, { method: 'POST', headers, body: csv });
  return { status: response.status, json: await response.json() };
}

type Row = {
  email: string;
  name: string | null;
  department: string | null;
  location: string | null;
  managerEmail: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
};
async function directory(query = '') {
  const { status, json } = await server.call('GET', `/api/v1/people${query}`, undefined, admin);
  expect(status).toBe(200);
  return json as {
    total: number;
    people: (Row & { id: number; devices: number; seats: number; lastSeenAt: string | null })[];
  };
}
const fields = (p: Row) => [
  p.email,
  p.name,
  p.department,
  p.location,
  p.managerEmail,
  p.status,
  p.startDate,
  p.endDate,
];

const dump = async () =>
  JSON.stringify((await server.db.$client.execute('select * from people order by id')).rows) +
  JSON.stringify((await server.db.$client.execute("select * from audit_log where action = 'people.import'")).rows);

describe('HR and directory exports', () => {
  it.each<[string, string, (string | null)[][], number]>([
    [
      'BambooHR directory: US dates, supervisor names, Inactive and Terminated',
      'hr-bamboohr-directory.csv',
      [
        ['ada.lovelace@example.com', 'Ada Lovelace', 'Engineering', 'London', null, 'active', '2019-03-14', null],
        ['alan.turing@example.com', 'Alan Turing', 'Engineering', 'Manchester', null, 'active', '2020-07-01', null],
        [
          'edsger.dijkstra@example.com',
          'Edsger Dijkstra',
          'Engineering',
          'Amsterdam',
          null,
          'left',
          '2017-09-01',
          '2026-10-31',
        ],
        [
          'katherine.johnson@example.com',
          'Katherine Johnson',
          'Finance, Planning & Analysis',
          'Remote - US',
          null,
          'left',
          '2018-11-30',
          '2026-06-30',
        ],
        [
          'margaret.hamilton@example.com',
          'Margaret Hamilton',
          'Engineering',
          'Boston',
          null,
          'active',
          '2021-01-15',
          '2030-12-31',
        ],
      ],
      1,
    ],
    [
      'Google Workspace users: BOM, bracketed headers, Suspended, manager emails, cost centres',
      'hr-google-workspace-users.csv',
      [
        [
          'ada.lovelace@example.com',
          'Ada Lovelace',
          'Engineering',
          'CC-110',
          'grace.hopper@example.com',
          'active',
          null,
          null,
        ],
        [
          'barbara.liskov@example.com',
          'Barbara Liskov',
          'Research',
          'CC-300',
          'grace.hopper@example.com',
          'active',
          null,
          null,
        ],
        ['grace.hopper@example.com', 'Grace Hopper', 'Engineering', 'CC-100', null, 'active', null, null],
        [
          'linus.torvalds@example.com',
          'Linus Torvalds',
          'Engineering',
          'CC-110',
          'ada.lovelace@example.com',
          'left',
          null,
          null,
        ],
      ],
      0,
    ],
    [
      'Microsoft Entra users: camelCase headers, accountEnabled',
      'hr-entra-users.csv',
      [
        ['ada.lovelace@example.com', 'Ada Lovelace', 'Engineering', 'London HQ', null, 'active', null, null],
        ['grace.hopper@example.com', 'Grace Hopper', 'Engineering', 'New York', null, 'active', null, null],
        ['svc-backup@example.com', 'Backup Service', 'IT', null, null, 'left', null, null],
      ],
      0,
    ],
    [
      'Personio: semicolons, European dates, a department wrapped over two lines (read as a space, with a warning)',
      'hr-personio-employees.csv',
      [
        [
          'ada.lovelace@example.com',
          'Ada Lovelace',
          'Engineering',
          'DE-4711',
          'grace.hopper@example.com',
          'active',
          '2019-03-14',
          null,
        ],
        [
          'frances.allen@example.com',
          'Frances Allen',
          'Compilers',
          'US-0002',
          'grace.hopper@example.com',
          'active',
          '2026-12-01',
          null,
        ],
        ['grace.hopper@example.com', 'Grace Hopper', 'Engineering', 'DE-4711', null, 'active', '2018-05-02', null],
        [
          'kristen.nygaard@example.com',
          'Kristen Nygaard',
          'Research Simula',
          'NO-0001',
          'grace.hopper@example.com',
          'left',
          '2015-01-01',
          '2026-10-31',
        ],
        [
          'niklaus.wirth@example.com',
          'Niklaus Wirth',
          'Research; Languages',
          'CH-0815',
          'grace.hopper@example.com',
          'active',
          '2016-09-01',
          null,
        ],
      ],
      1,
    ],
  ])('%s', async (_name, file, expected, warnings) => {
    const { status, json } = await upload(fixture(file));
    expect(status).toBe(200);
    expect(json).toMatchObject({ dryRun: false, added: expected.length, updated: 0, skipped: [] });
    expect(json.leavers).toBe(expected.filter((p) => p[5] === 'left').length);
    expect(json.warnings).toHaveLength(warnings);
    const { people } = await directory('?limit=1000');
    expect(people.map(fields)).toEqual(expected);
  });

  it('a re-import updates what changed, counts the rest unchanged, and audits the import', async () => {
    await upload(fixture('hr-personio-employees.csv'));
    const changed = fixture('hr-personio-employees.csv').replace(
      'active;Engineering;DE-4711;;02.05.2018;',
      'active;Leadership;DE-4711;;02.05.2018;',
    );
    const { json } = await upload(changed);
    expect(json).toMatchObject({ added: 0, updated: 1, unchanged: 4, leavers: 0 });
    expect(json.changes).toEqual([
      {
        email: 'grace.hopper@example.com',
        change: 'update',
        before: { department: 'Engineering' },
        after: { department: 'Leadership' },
      },
    ]);
    const audit = await server.db.$client.execute(
      "select actor, after from audit_log where action = 'people.import' order by id",
    );
    expect(audit.rows.map((r) => [r.actor, JSON.parse(String(r.after)).updated])).toEqual([
      ['user:admin@example.com', 0],
      ['user:admin@example.com', 1],
    ]);
  });

  it('replace marks people missing from the file as left and keeps them, their devices and seats', async () => {
    await upload(fixture('hr-google-workspace-users.csv'));
    await server.enrollDevice('contractor@example.com', admin);
    const { json: subscription } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 800, currency: 'USD' },
      admin,
    );
    await server.call(
      'POST',
      `/api/v1/subscriptions/${subscription.id}/seats`,
      { email: 'barbara.liskov@example.com', assignedAt: '2026-01-01' },
      admin,
    );

    const preview = await upload(
      [
        'email,name',
        'ada.lovelace@example.com,Ada Lovelace',
        'grace.hopper@example.com,Grace Hopper',
        'admin@example.com,Admin',
        '',
      ].join('\n'),
      '?mode=replace&dryRun=true',
    );
    expect(preview.json).toMatchObject({ dryRun: true, leavers: 2, updated: 2 });
    expect(
      preview.json.changes
        .filter((c: { change: string }) => c.change === 'leave')
        .map((c: { email: string }) => c.email),
    ).toEqual(['barbara.liskov@example.com', 'contractor@example.com']);

    const before = await dump();
    await upload('email,name\nada.lovelace@example.com,Ada Lovelace\n', '?mode=replace&dryRun=true');
    expect(await dump()).toBe(before);

    await upload(
      [
        'email,name',
        'ada.lovelace@example.com,Ada Lovelace',
        'grace.hopper@example.com,Grace Hopper',
        'admin@example.com,Admin',
        '',
      ].join('\n'),
      '?mode=replace',
    );
    const left = await directory('?status=left');
    expect(left.people.map((p) => [p.email, p.devices, p.seats])).toEqual([
      ['barbara.liskov@example.com', 0, 1],
      ['contractor@example.com', 1, 0],
      ['linus.torvalds@example.com', 0, 0],
    ]);
    const { json } = await server.call(
      'GET',
      `/api/v1/subscriptions/${subscription.id}/reconciliation?asOf=2026-11-20`,
      undefined,
      admin,
    );
    expect(json.holders.map((h: { email: string; status: string }) => [h.email, h.status])).toEqual([
      ['barbara.liskov@example.com', 'left'],
    ]);
  });
});

describe('the directory', () => {
  beforeEach(async () => {
    await upload(fixture('hr-bamboohr-directory.csv'));
  });

  it.each<[string, string[]]>([
    ['?search=turing', ['alan.turing@example.com']],
    ['?search=Katherine', ['katherine.johnson@example.com']],
    ['?search=%25', []],
    [
      '?department=engineering',
      [
        'ada.lovelace@example.com',
        'alan.turing@example.com',
        'edsger.dijkstra@example.com',
        'margaret.hamilton@example.com',
      ],
    ],
    ['?status=left', ['edsger.dijkstra@example.com', 'katherine.johnson@example.com']],
    [
      '?department=Engineering&status=active&limit=2&offset=1',
      ['alan.turing@example.com', 'margaret.hamilton@example.com'],
    ],
  ])('%s', async (query, emails) => {
    expect((await directory(query)).people.map((p) => p.email)).toEqual(emails);
  });

  it('counts the total before paging', async () => {
    const page = await directory('?limit=2');
    expect([page.total, page.people.length]).toEqual([5, 2]);
  });

  it('shows one person with devices and their last upload, and 404 for an unknown id', async () => {
    const device = await server.enrollDevice('ada.lovelace@example.com', admin);
    await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: device.deviceToken });
    const id = (await directory('?search=ada.lovelace')).people[0]!.id;
    const { status, json } = await server.call(
      'GET',
      `/api/v1/people/${id}`,
      undefined,
      await server.signedInAs('viewer'),
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({
      email: 'ada.lovelace@example.com',
      name: 'Ada Lovelace',
      devices: 1,
      lastSeenAt: '2026-11-20T12:00:00.000Z',
      seats: 0,
    });
    expect((await server.call('GET', '/api/v1/people/999999', undefined, admin)).status).toBe(404);
  });

  it.each(['?status=gone', '?limit=0', '?limit=1001', '?offset=-1'])('rejects %s with 400', async (query) => {
    const { status, json } = await server.call('GET', `/api/v1/people${query}`, undefined, admin);
    expect([status, json.error.code]).toEqual([400, 'invalid_query']);
  });
});

describe('bad files and requests', () => {
  it.each<[string, string, RegExp]>([
    [
      'a date that is not one',
      fixture('hr-broken-end-date.csv'),
      /^Row 3: "sometime next year" in column "end date" is not a date/,
    ],
    ['no email column', 'name,department\nAda,Engineering\n', /^Row 1: no email column/],
    [
      'an invalid email',
      'email\nada@example.com\nnobody\n',
      /^Row 3: "nobody" in column "email" is not an email address/,
    ],
    ['an unterminated quote', 'email,name\nada@example.com,"Ada\n', /a quoted field is never closed/],
  ])('rejects %s whole, with the row, and stores nothing', async (_name, csv, message) => {
    await upload('email,name\nkeep@example.com,Keep\n');
    const before = await dump();
    const { status, json } = await upload(csv, '?mode=replace');
    expect([status, json.error.code]).toEqual([400, 'invalid_csv']);
    expect(json.error.message).toMatch(message);
    expect(await dump()).toBe(before);
  });

  it('takes a multipart form, refuses other content types, bad modes and roles that do not manage people', async () => {
    const form = new FormData();
    form.set('file', new File([fixture('hr-entra-users.csv')], 'users.csv', { type: 'text/csv' }));
    const response = await server.app.request('/api/v1/people/import?dryRun=true', {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    expect([response.status, (await response.json()).added]).toEqual([200, 3]);
    expect((await upload('{}', '', admin, 'application/json')).status).toBe(415);
    expect((await upload('email\na@example.com\n', '?mode=overwrite')).status).toBe(400);
    for (const role of ['viewer', 'finance'] as const)
      expect((await upload('email\na@example.com\n', '', await server.signedInAs(role))).status).toBe(403);
    expect((await upload('email\na@example.com\n', '', await server.signedInAs('it'))).status).toBe(200);
  });

  it('imports 50,000 people in one request', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `person${i}@example.com,Person ${i},Dept ${i % 40},${i % 25 === 0 ? 'Terminated' : 'Active'}`,
    );
    const { status, json } = await upload(['email,name,department,status', ...rows].join('\r\n'));
    expect(status).toBe(200);
    expect(json).toMatchObject({ rows: 50_000, added: 50_000, leavers: 2_000, changesTruncated: true });
    expect((await directory('?status=left&limit=1')).total).toBe(2_000);
  });
});
