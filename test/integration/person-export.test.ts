// The subject access export on a libSQL file: one person with devices, usage, seats, a reclaim and audit entries,
// beside another person whose email contains the first one's; the export holds exactly the first person's rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY } from '../../server/contract.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { EXPORT_SECTIONS, exportRecords } from '../../server/domain/person-export.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let ada: number;
let bada: number;
let deviceTokens: Record<string, string[]>;
let deviceIds: Record<string, string[]>;

const usage = (appId: string, day: string, activeSeconds: number) => ({
  appId,
  day,
  activeSeconds,
  visits: 2,
  lastActiveAt: null,
});

async function subscription(appId: string) {
  const body = {
    appId,
    plan: 'Business',
    metric: 'named_user',
    seats: 10,
    unitCost: 1_000,
    currency: 'EUR',
    billingPeriod: 'monthly',
  };
  return (await server.call('POST', '/api/v1/subscriptions', body, admin)).json.id as number;
}

beforeEach(async () => {
  // Today is 2026-11-20. bada@example.com holds ada@example.com inside it: a match must be the whole address.
  server = await createTestServer();
  admin = await server.login();
  deviceTokens = { ada: [], bada: [] };
  deviceIds = { ada: [], bada: [] };
  await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body:
      'email,name,department,status\n' +
      'ada@example.com,Ada Lovelace,Engineering,Terminated\n' +
      'bada@example.com,Bada Other,Sales,Active\n',
  });
  const people = (await server.call('GET', '/api/v1/people', undefined, admin)).json.people as {
    id: number;
    email: string;
  }[];
  ada = people.find((p) => p.email === 'ada@example.com')!.id;
  bada = people.find((p) => p.email === 'bada@example.com')!.id;
  const figma = await subscription('figma');
  const slack = await subscription('slack');
  const seats: Record<string, number> = {};
  for (const [email, sub] of [
    ['ada@example.com', figma],
    ['ada@example.com', slack],
    ['bada@example.com', figma],
  ] as const) {
    const { json } = await server.call(
      'POST',
      `/api/v1/subscriptions/${sub}/seats`,
      { email, assignedAt: '2026-01-01' },
      admin,
    );
    seats[`${email}:${sub}`] = json.id;
  }
  for (const [who, email, count] of [
    ['ada', 'ada@example.com', 2],
    ['bada', 'bada@example.com', 1],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const device = await server.enrollDevice(email, admin);
      deviceTokens[who]!.push(device.deviceToken);
      deviceIds[who]!.push(device.deviceId);
    }
  }
  const upload = (token: string, records: unknown[]) =>
    server.call('POST', '/api/v1/devices/usage', { records }, { bearer: token });
  await upload(deviceTokens.ada![0]!, [usage('figma', '2026-10-01', 600), usage('slack', '2026-10-02', 1_200)]);
  await upload(deviceTokens.ada![1]!, [usage('figma', '2026-10-03', 300)]);
  await upload(deviceTokens.bada![0]!, [usage('figma', '2026-11-19', 5_000), usage('notion', '2026-11-19', 50)]);
  // Ada left: her Figma seat is reclaimed (ready at once for a leaver) and revoked; she is listed as Figma's owner.
  const { json: created } = await server.call(
    'POST',
    '/api/v1/reclaims',
    { seatIds: [seats[`ada@example.com:${figma}`]], notify: false },
    admin,
  );
  expect(created).toHaveLength(1);
  expect((await server.call('POST', `/api/v1/reclaims/${created[0].id}/revoke`, undefined, admin)).status).toBe(200);
  await server.call('PATCH', '/api/v1/apps/figma', { ownerEmail: 'ada@example.com' }, admin);
  await server.call('PATCH', '/api/v1/apps/notion', { ownerEmail: 'bada@example.com' }, admin);
  const spend = await server.app.request('/api/v1/spend/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body:
      'date,merchant,amount,currency,email\n' +
      '2026-11-01,FIGMA ADA,15.00,EUR,ada@example.com\n' +
      '2026-11-02,NOTION BADA,8.00,EUR,bada@example.com\n',
  });
  expect(spend.status).toBe(200);
});
afterEach(async () => server.close());

async function exportOf(id: number, format = 'json', auth = admin) {
  const response = await server.app.request(`/api/v1/people/${id}/export?format=${format}`, {
    headers: { cookie: auth.cookie },
  });
  return { response, text: await response.text() };
}

const secretsInDatabase = async () => {
  const rows = await server.db.$client.execute(
    'select token_hash as v from devices union all select token_hash from enrollment_tokens ' +
      'union all select password_hash from users union all select id_hash from sessions',
  );
  return rows.rows.map((row) => String(row.v));
};

describe('GET /people/:id/export', () => {
  it("holds exactly the person's rows from every section, and nothing of the other person", async () => {
    const { response, text } = await exportOf(ada);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="seatwise-subject-access-${ada}-2026-11-20.json"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(text);
    expect(data.person).toMatchObject({ id: ada, email: 'ada@example.com', name: 'Ada Lovelace', status: 'left' });
    expect(data.account).toBeNull();
    expect(data.devices.map((d: { id: string }) => d.id).sort()).toEqual([...deviceIds.ada!].sort());
    expect(
      data.usage.map((u: { appId: string; day: string; activeSeconds: number }) => [u.appId, u.day, u.activeSeconds]),
    ).toEqual([
      ['figma', '2026-10-01', 600],
      ['slack', '2026-10-02', 1_200],
      ['figma', '2026-10-03', 300],
    ]);
    // Each of her devices uploaded today (the days a device reported, not the days measured).
    expect(data.deviceDays.map((d: { deviceId: string; day: string }) => [d.deviceId, d.day]).sort()).toEqual(
      deviceIds.ada!.map((id) => [id, '2026-11-20']).sort(),
    );
    // The Figma seat was revoked: only Slack's is left.
    expect(data.seats.map((s: { appId: string }) => s.appId)).toEqual(['slack']);
    expect(data.reclaims).toHaveLength(1);
    expect(data.reclaims[0]).toMatchObject({ email: 'ada@example.com', state: 'revoked', holderStatus: 'left' });
    expect(data.reclaims[0].steps.map((s: { action: string }) => s.action)).toEqual([
      'reclaim.create',
      'reclaim.revoke',
    ]);
    expect(data.ownership).toEqual([{ kind: 'app', id: 'figma', name: 'Figma' }]);
    expect(data.spendLines.map((l: { merchant: string; amount: number }) => [l.merchant, l.amount])).toEqual([
      ['FIGMA ADA', 1_500],
    ]);
    const actions = data.audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['seat.assign', 'seat.remove', 'app.update']));
    expect(actions).not.toContain('reclaim.create');
    // Nothing of the other person: not their email, name, devices or usage.
    for (const theirs of ['bada@example.com', 'Bada Other', ...deviceIds.bada!, 'notion', 'NOTION BADA', '5000']) {
      expect(text).not.toContain(theirs);
    }
    // No token, hash or secret anywhere.
    for (const secret of [...(await secretsInDatabase()), ...deviceTokens.ada!]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/tokenHash|token_hash|passwordHash|secret/i);
  });

  it('gives the same records as one CSV with a section column, counted alike per section', async () => {
    const json = JSON.parse((await exportOf(ada)).text);
    const { response, text } = await exportOf(ada, 'csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="seatwise-subject-access-${ada}-2026-11-20.csv"`,
    );
    const csv = parseCsv(text);
    expect(csv.header[0]).toBe('section');
    const counted = new Map<string, number>();
    for (const row of csv.rows) counted.set(row.cells[0]!, (counted.get(row.cells[0]!) ?? 0) + 1);
    const records = exportRecords(json);
    // The JSON export taken first is itself audited about her: the CSV has that one entry more.
    const expected = (section: string) =>
      records[section as keyof typeof records].length + (section === 'audit' ? 1 : 0);
    for (const section of EXPORT_SECTIONS) {
      expect([section, counted.get(section) ?? 0]).toEqual([section, expected(section)]);
    }
    const action = csv.header.indexOf('action');
    expect(csv.rows.filter((r) => r.cells[0] === 'audit').at(-1)!.cells[action]).toBe('person.exported');
    expect(counted.get('usage')).toBe(3);
    expect(counted.get('reclaim_step')).toBe(2);
    const seconds = csv.header.indexOf('activeSeconds');
    expect(csv.rows.filter((r) => r.cells[0] === 'usage').map((r) => r.cells[seconds])).toEqual(['600', '1200', '300']);
    for (const theirs of ['bada@example.com', 'Bada Other', ...deviceIds.bada!]) expect(text).not.toContain(theirs);
    for (const secret of await secretsInDatabase()) expect(text).not.toContain(secret);
  });

  it("exports the other person's own rows for them, without the first person's", async () => {
    const { text } = await exportOf(bada);
    const data = JSON.parse(text);
    expect(data.devices.map((d: { id: string }) => d.id)).toEqual(deviceIds.bada);
    expect(data.usage).toHaveLength(2);
    expect(data.ownership).toEqual([{ kind: 'app', id: 'notion', name: 'Notion' }]);
    expect(data.reclaims).toEqual([]);
    for (const hers of ['"ada@example.com"', 'Ada Lovelace', ...deviceIds.ada!]) expect(text).not.toContain(hers);
  });

  it.each(['it', 'finance', 'viewer'] as const)('refuses the %s role with 403 and records nothing', async (role) => {
    const caller = await server.signedInAs(role);
    const before = (await server.db.$client.execute('select count(*) as n from audit_log')).rows[0]!.n;
    const { response, text } = await exportOf(ada, 'json', caller);
    expect([response.status, JSON.parse(text).error.code]).toEqual([403, 'forbidden']);
    expect((await server.db.$client.execute('select count(*) as n from audit_log')).rows[0]!.n).toBe(before);
  });

  it('answers 404 for an unknown person and 400 for an unknown format, auditing neither', async () => {
    expect((await exportOf(99_999)).response.status).toBe(404);
    expect((await exportOf(ada, 'xml')).response.status).toBe(400);
    const exported = await server.db.$client.execute("select * from audit_log where action = 'person.exported'");
    expect(exported.rows).toHaveLength(0);
  });

  it('audits each export with who and which person, and none of the data', async () => {
    await exportOf(ada);
    await exportOf(ada, 'csv');
    const { json } = await server.call('GET', '/api/v1/audit?action=person.exported', undefined, admin);
    expect(
      json.entries.map((e: Record<string, unknown>) => [e.actor, e.subjectType, e.subjectId, e.before, e.after]),
    ).toEqual([
      ['user:admin@example.com', 'person', String(ada), null, null],
      ['user:admin@example.com', 'person', String(ada), null, null],
    ]);
  });

  it('downloads with names and as an attachment while works-council mode is on (admin sees names)', async () => {
    await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: true });
    const { response, text } = await exportOf(ada, 'csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment;');
    expect(text).toContain('ada@example.com');
    expect(text).not.toContain('pseudonymised.invalid');
  });
});
