// The audit trail over real HTTP: changes are recorded with before and after, filtered, paged and exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let subscriptionId: number;

type Entry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: any;
  after: any;
};
const audit = async (query = '') => {
  const { status, json } = await server.call('GET', `/api/v1/audit${query}`, undefined, admin);
  expect(status).toBe(200);
  return json as { total: number; entries: Entry[] };
};

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
  subscriptionId = (
    await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 800, currency: 'USD' },
      admin,
    )
  ).json.id;
  await server.call('PATCH', `/api/v1/subscriptions/${subscriptionId}`, { seats: 8 }, admin);
  server.clock.now = new Date('2026-11-21T08:00:00Z');
  admin = await server.login();
  await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/seats`, { email: 'ada@example.com' }, admin);
  const { json } = await server.call('POST', '/api/v1/tokens', { name: 'exporter', role: 'finance' }, admin);
  await server.call(
    'PATCH',
    `/api/v1/subscriptions/${subscriptionId}`,
    { notes: 'checked, ok' },
    { bearer: json.token },
  );
  // Entries are stamped by the database clock; two older ones give the day filters something to tell apart.
  for (const at of ['2026-10-01T23:59:59.999Z', '2026-10-02T00:00:00.000Z']) {
    await server.db.$client.execute({
      sql:
        'insert into audit_log (created_at, actor, action, subject_type) ' +
        "values (?, 'cli:ops', 'person.update', 'person')",
      args: [Date.parse(at)],
    });
  }
});
afterAll(async () => server.close());

describe('GET /audit', () => {
  it('lists changes newest first with who, when, before and after', async () => {
    const { total, entries } = await audit();
    expect(total).toBe(entries.length);
    const update = entries.find((e) => e.action === 'subscription.update' && e.before?.seats === 5)!;
    expect(update).toMatchObject({
      actor: 'user:admin@example.com',
      subjectType: 'subscription',
      subjectId: String(subscriptionId),
      after: { seats: 8 },
    });
    expect(update.at.startsWith('20')).toBe(true);
    expect(entries.filter((e) => e.actor !== 'cli:ops')[0]).toMatchObject({
      action: 'subscription.update',
      actor: 'token:exporter',
      after: { notes: 'checked, ok' },
    });
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
  });

  it.each<[string, (e: Entry) => boolean]>([
    ['?action=subscription.update', (e) => e.action === 'subscription.update'],
    ['?action=subscription.*', (e) => e.action.startsWith('subscription.')],
    ['?actor=token:exporter', (e) => e.actor === 'token:exporter'],
    [`?subjectType=subscription&subjectId=${1}`, (e) => e.subjectType === 'subscription' && e.subjectId === '1'],
    ['?from=2026-10-02&to=2026-10-02', (e) => e.at.startsWith('2026-10-02')],
    ['?to=2026-10-01', (e) => e.at < '2026-10-02'],
    ['?from=2026-10-02', (e) => e.at >= '2026-10-02'],
  ])('filters %s', async (query, matches) => {
    const everything = (await audit('?limit=1000')).entries;
    const filtered = await audit(query);
    expect(filtered.entries.length).toBeGreaterThan(0);
    expect(filtered.entries).toEqual(everything.filter(matches));
    expect(filtered.total).toBe(filtered.entries.length);
  });

  it('pages with limit and offset', async () => {
    const all = await audit();
    const page = await audit('?limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.entries).toEqual(all.entries.slice(1, 3));
  });

  it.each(['?from=2026-11-22&to=2026-11-21', '?limit=0', '?limit=1001', '?from=yesterday', '?offset=-1'])(
    'rejects %s with 400',
    async (query) => {
      const { status, json } = await server.call('GET', `/api/v1/audit${query}`, undefined, admin);
      expect([status, json.error.code]).toEqual([400, 'invalid_query']);
    },
  );

  it('is for admin and finance only', async () => {
    for (const role of ['viewer', 'it'] as const)
      expect((await server.call('GET', '/api/v1/audit', undefined, await server.signedInAs(role))).status).toBe(403);
    expect((await server.call('GET', '/api/v1/audit', undefined, await server.signedInAs('finance'))).status).toBe(200);
  });
});

describe('audit-log.csv', () => {
  it('exports the same entries, oldest first, with before and after as JSON', async () => {
    const response = await server.app.request('/api/v1/reports/audit-log.csv?action=subscription.*', {
      headers: { cookie: admin.cookie },
    });
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="seatwise-audit-log-2026-11-21.csv"',
    );
    const { header, rows } = parseCsv(await response.text());
    expect(header).toEqual(['id', 'at', 'actor', 'action', 'subject type', 'subject id', 'before', 'after']);
    const json = (await audit('?action=subscription.*')).entries.reverse();
    expect(rows.map((r) => r.cells)).toEqual(
      json.map((e) => [
        String(e.id),
        e.at,
        e.actor,
        e.action,
        e.subjectType,
        e.subjectId ?? '',
        e.before === null ? '' : JSON.stringify(e.before),
        e.after === null ? '' : JSON.stringify(e.after),
      ]),
    );
  });

  it.each(['?from=2026-11-22&to=2026-11-21', '?to=tomorrow', '?action='])('rejects %s with 400', async (query) => {
    const { status, json } = await server.call('GET', `/api/v1/reports/audit-log.csv${query}`, undefined, admin);
    expect([status, json.error.code]).toEqual([400, 'invalid_query']);
  });

  it('reads a long log in pages without losing or repeating an entry', async () => {
    const many = Array.from(
      { length: 12_000 },
      (_, i) => `('cli:test', 'bulk.test', 'thing', '${i}', null, null)`,
    ).join(',');
    await server.db.$client.execute(
      `insert into audit_log (actor, action, subject_type, subject_id, before, after) values ${many}`,
    );
    const response = await server.app.request('/api/v1/reports/audit-log.csv?action=bulk.test', {
      headers: { cookie: admin.cookie },
    });
    const { rows } = parseCsv(await response.text());
    expect(rows.map((r) => Number(r.cells[5]))).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
  });
});
