// Apps, subscriptions and seats over real HTTP on a libSQL file: edits, deletes, bad input, audit, shadow IT.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY } from '../../server/contract.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

const SLACK = {
  appId: 'slack',
  plan: 'Business+',
  metric: 'named_user',
  seats: 10,
  unitCost: 1500,
  currency: 'USD',
  billingPeriod: 'monthly',
};

async function countRows(table: string) {
  const result = await server.db.$client.execute(`select count(*) as n from ${table}`);
  return Number(result.rows[0]!.n);
}

async function auditActions() {
  const result = await server.db.$client.execute('select action from audit_log order by id');
  return result.rows.map((row) => row.action);
}

describe('custom apps', () => {
  it('adds an app with a slug id that devices receive with a new catalog version', async () => {
    const device = await server.enrollDevice('ada@example.com', admin);
    const before = await server.call('GET', '/api/v1/devices/catalog', undefined, { bearer: device.deviceToken });
    const created = await server.call(
      'POST',
      '/api/v1/apps',
      { name: 'Acme Wiki', domains: ['Wiki.Acme.example'], category: 'Docs' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json).toEqual({
      id: 'acme-wiki',
      name: 'Acme Wiki',
      domains: ['wiki.acme.example'],
      category: 'Docs',
      status: 'under_review',
      source: 'custom',
      ownerEmail: null,
    });
    const after = await server.call('GET', '/api/v1/devices/catalog', undefined, { bearer: device.deviceToken });
    expect(after.json.version).not.toBe(before.json.version);
    expect(after.json.apps).toContainEqual({ id: 'acme-wiki', name: 'Acme Wiki', domains: ['wiki.acme.example'] });
    expect(await auditActions()).toContain('app.create');
  });

  it.each([
    [{ name: 'X', domains: ['https://x.example/path'] }, 'invalid_body', 'domains.0'],
    [{ name: 'X', domains: [] }, 'invalid_body', 'needs at least one domain'],
    [{ name: 'X', domains: ['a.example', 'a.example'] }, 'invalid_body', 'twice'],
    [{ name: '', domains: ['a.example'] }, 'invalid_body', 'name'],
    [{ name: 'X', domains: ['a.example'], status: 'banned' }, 'invalid_body', 'status'],
    [{ name: 'X', domains: ['a.example'], surprise: 1 }, 'invalid_body', 'surprise'],
  ])('rejects %j with %s and stores nothing', async (body, code, mention) => {
    const apps = await countRows('apps');
    const { status, json } = await server.call('POST', '/api/v1/apps', body, admin);
    expect(status).toBe(400);
    expect(json.error.code).toBe(code);
    expect(json.error.message).toContain(mention);
    expect(await countRows('apps')).toBe(apps);
  });

  it('refuses a domain another app already has, and an id that exists', async () => {
    const taken = await server.call('POST', '/api/v1/apps', { name: 'Not Slack', domains: ['slack.com'] }, admin);
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('domain_taken');
    const clash = await server.call(
      'POST',
      '/api/v1/apps',
      { id: 'slack', name: 'Slack again', domains: ['other.example'] },
      admin,
    );
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('app_exists');
  });

  it('marks an app sanctioned with an owner, with the change in the audit log', async () => {
    const { status, json } = await server.call(
      'PATCH',
      '/api/v1/apps/notion',
      { status: 'sanctioned', ownerEmail: 'CIO@example.com' },
      admin,
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: 'notion',
      status: 'sanctioned',
      ownerEmail: 'cio@example.com',
      source: 'catalog',
    });
    const audit = await server.db.$client.execute("select before, after from audit_log where action = 'app.update'");
    expect(JSON.parse(String(audit.rows[0]!.before)).status).toBe('under_review');
    expect(JSON.parse(String(audit.rows[0]!.after)).status).toBe('sanctioned');
    expect((await server.call('PATCH', '/api/v1/apps/nope', { status: 'sanctioned' }, admin)).status).toBe(404);
    expect((await server.call('PATCH', '/api/v1/apps/notion', {}, admin)).status).toBe(400);
  });
});

describe('subscriptions', () => {
  it('changes some fields and keeps the rest', async () => {
    const { json: created } = await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    const { status, json } = await server.call(
      'PATCH',
      `/api/v1/subscriptions/${created.id}`,
      { seats: 12, renewalDate: '2027-03-01', autoRenew: true },
      admin,
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({ ...SLACK, seats: 12, renewalDate: '2027-03-01', autoRenew: true, noticeDays: 30 });
    expect(json.updatedAt >= created.updatedAt).toBe(true);
    expect((await auditActions()).slice(-2)).toEqual(['subscription.create', 'subscription.update']);
  });

  it('refuses an edit that would leave the subscription inconsistent, and changes nothing', async () => {
    const { json: created } = await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    const site = await server.call('PATCH', `/api/v1/subscriptions/${created.id}`, { metric: 'site' }, admin);
    expect(site.status).toBe(400);
    expect(site.json.error.message).toContain('site licence has no seat count');
    const unknownApp = await server.call(
      'PATCH',
      `/api/v1/subscriptions/${created.id}`,
      { appId: 'no-such-app' },
      admin,
    );
    expect(unknownApp.json.error.code).toBe('unknown_app');
    const { json: after } = await server.call('GET', `/api/v1/subscriptions/${created.id}`, undefined, admin);
    expect(after).toEqual(created);
    const toSite = await server.call(
      'PATCH',
      `/api/v1/subscriptions/${created.id}`,
      { metric: 'site', seats: null },
      admin,
    );
    expect(toSite.status).toBe(200);
  });

  it('refuses a body over 1 MB with 413 and stores nothing', async () => {
    const { status, json } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { ...SLACK, notes: 'x'.repeat(1_100_000) },
      admin,
    );
    expect(status).toBe(413);
    expect(json.error.code).toBe('payload_too_large');
    expect(await countRows('subscriptions')).toBe(0);
  });

  it('deletes a subscription with its seats, recording what was there', async () => {
    const { json: created } = await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    await server.call('POST', `/api/v1/subscriptions/${created.id}/seats`, { email: 'ada@example.com' }, admin);
    await server.call('POST', `/api/v1/subscriptions/${created.id}/seats`, { email: 'bob@example.com' }, admin);
    const { status, json } = await server.call('DELETE', `/api/v1/subscriptions/${created.id}`, undefined, admin);
    expect(status).toBe(200);
    expect(json).toEqual({ deleted: true, seats: 2 });
    expect(await countRows('seats')).toBe(0);
    expect((await server.call('GET', `/api/v1/subscriptions/${created.id}`, undefined, admin)).status).toBe(404);
    expect((await server.call('DELETE', `/api/v1/subscriptions/${created.id}`, undefined, admin)).status).toBe(404);
    const audit = await server.db.$client.execute("select before from audit_log where action = 'subscription.delete'");
    expect(JSON.parse(String(audit.rows[0]!.before))).toMatchObject({ plan: 'Business+', seatCount: 2 });
  });
});

describe('seats', () => {
  it('removes one seat of the subscription it belongs to, and only that one', async () => {
    const { json: one } = await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    const { json: two } = await server.call('POST', '/api/v1/subscriptions', { ...SLACK, plan: 'Pro' }, admin);
    const { json: seat } = await server.call(
      'POST',
      `/api/v1/subscriptions/${one.id}/seats`,
      { email: 'ada@example.com' },
      admin,
    );
    await server.call('POST', `/api/v1/subscriptions/${two.id}/seats`, { email: 'ada@example.com' }, admin);
    expect(
      (await server.call('DELETE', `/api/v1/subscriptions/${two.id}/seats/${seat.id}`, undefined, admin)).status,
    ).toBe(404);
    const removed = await server.call('DELETE', `/api/v1/subscriptions/${one.id}/seats/${seat.id}`, undefined, admin);
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ id: seat.id, email: 'ada@example.com' });
    expect((await server.call('GET', `/api/v1/subscriptions/${one.id}/seats`, undefined, admin)).json).toEqual([]);
    expect((await server.call('GET', `/api/v1/subscriptions/${two.id}/seats`, undefined, admin)).json).toHaveLength(1);
    expect(await auditActions()).toContain('seat.remove');
    expect((await server.call('DELETE', `/api/v1/subscriptions/${one.id}/seats/abc`, undefined, admin)).status).toBe(
      400,
    );
  });
});

describe('shadow IT and usage', () => {
  async function upload(email: string, records: { appId: string; day: string; activeSeconds: number }[]) {
    const device = await server.enrollDevice(email, admin);
    const body = { records: records.map((r) => ({ ...r, visits: 1, lastActiveAt: null })) };
    expect((await server.call('POST', '/api/v1/devices/usage', body, { bearer: device.deviceToken })).status).toBe(200);
  }

  it('lists apps in use that no subscription covers, with users, departments and first and last use', async () => {
    // Departments of one user each are listed only with a minimum group of 1 (privacy settings; default 5).
    await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, minGroupSize: 1 });
    await server.db.$client.execute(
      "insert into people (email, department) values ('ada@example.com', 'Design'), ('bob@example.com', 'Sales')",
    );
    await upload('ada@example.com', [
      { appId: 'figma', day: '2026-11-02', activeSeconds: 600 },
      { appId: 'slack', day: '2026-11-03', activeSeconds: 60 },
    ]);
    await upload('bob@example.com', [
      { appId: 'figma', day: '2026-11-19', activeSeconds: 30 },
      { appId: 'miro', day: '2026-10-01', activeSeconds: 5 },
    ]);
    await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    const { status, json } = await server.call('GET', '/api/v1/discovered', undefined, admin);
    expect(status).toBe(200);
    expect(json).toEqual([
      {
        appId: 'figma',
        appName: 'Figma',
        status: 'under_review',
        users: 2,
        departments: ['Design', 'Sales'],
        firstSeen: '2026-11-02',
        lastSeen: '2026-11-19',
        sources: ['usage'],
        annualisedSpend: [],
        payers: 0,
        seatMonths: 0,
        consolidationCandidate: false,
      },
      {
        appId: 'miro',
        appName: 'Miro',
        status: 'under_review',
        users: 1,
        departments: ['Sales'],
        firstSeen: '2026-10-01',
        lastSeen: '2026-10-01',
        sources: ['usage'],
        annualisedSpend: [],
        payers: 0,
        seatMonths: 0,
        consolidationCandidate: false,
      },
    ]);
    const recent = await server.call('GET', '/api/v1/discovered?since=2026-11-01', undefined, admin);
    expect(recent.json.map((row: { appId: string }) => row.appId)).toEqual(['figma']);
    expect((await server.call('GET', '/api/v1/discovered?since=yesterday', undefined, admin)).status).toBe(400);
  });

  it('reads per-person daily usage in a bounded range, defaulting to the last 30 days', async () => {
    await upload('ada@example.com', [
      { appId: 'figma', day: '2026-10-01', activeSeconds: 100 },
      { appId: 'figma', day: '2026-11-19', activeSeconds: 200 },
    ]);
    await upload('ada@example.com', [{ appId: 'figma', day: '2026-11-19', activeSeconds: 50 }]);
    const recent = await server.call('GET', '/api/v1/usage?email=ada@example.com', undefined, admin);
    expect(recent.json).toEqual([
      {
        email: 'ada@example.com',
        appId: 'figma',
        day: '2026-11-19',
        activeSeconds: 250,
        visits: 2,
        lastActiveAt: null,
      },
    ]);
    const all = await server.call('GET', '/api/v1/usage?from=2026-09-01&to=2026-11-20&appId=figma', undefined, admin);
    expect(all.json.map((row: { day: string }) => row.day)).toEqual(['2026-10-01', '2026-11-19']);
    expect((await server.call('GET', '/api/v1/usage?from=2026-11-20&to=2026-11-01', undefined, admin)).status).toBe(
      400,
    );
    expect((await server.call('GET', '/api/v1/usage?from=2024-01-01&to=2026-11-01', undefined, admin)).status).toBe(
      400,
    );
  });
});
