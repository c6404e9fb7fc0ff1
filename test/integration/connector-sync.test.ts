// Connectors against a real SCIM 2.0 server on 127.0.0.1: setup (token write-only and sealed), every page read,
// the vendor quirks, retries honouring Retry-After, failures that store nothing and name the page, the guard.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScimServer, scimUser, startScimServer } from '../support/scim-server.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let scim: ScimServer;
let admin: { cookie: string };
let subscriptionId: number;

beforeEach(async () => {
  server = await createTestServer({ connectors: { requestTimeoutMs: 1_000 } });
  admin = await server.login();
  scim = await startScimServer();
  const { json } = await server.call(
    'POST',
    '/api/v1/subscriptions',
    {
      appId: 'slack',
      plan: 'Business+',
      metric: 'named_user',
      seats: 50,
      unitCost: 1250,
      currency: 'USD',
      billingPeriod: 'monthly',
    },
    admin,
  );
  subscriptionId = json.id;
});

afterEach(async () => {
  await scim.close();
  await server.close();
});

const connect = async (extra: Record<string, unknown> = {}) => {
  const reply = await server.call(
    'POST',
    '/api/v1/connectors',
    { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: scim.token, deprovision: 'deactivate', ...extra },
    admin,
  );
  expect(reply.status).toBe(201);
  return reply.json.id as number;
};
const sync = (id: number, query = '') => server.call('POST', `/api/v1/connectors/${id}/sync${query}`, undefined, admin);
const seatEmails = async () =>
  (
    (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin)).json as {
      email: string;
    }[]
  )
    .map((s) => s.email)
    .sort();
const users = (n: number, from = 0) => Array.from({ length: n }, (_, i) => scimUser(`user${from + i}@example.com`));

describe('setting up a connector', () => {
  it('keeps the token write-only and encrypted at rest', async () => {
    const id = await connect();
    const shown = await server.call('GET', `/api/v1/connectors/${id}`, undefined, admin);
    expect(shown.json).toMatchObject({ id, subscriptionId, kind: 'scim2', tokenSet: true, deprovision: 'deactivate' });
    expect(JSON.stringify(shown.json)).not.toContain(scim.token);
    const list = await server.call('GET', '/api/v1/connectors', undefined, admin);
    expect(JSON.stringify(list.json)).not.toContain(scim.token);
    server.db.$client.execute('pragma wal_checkpoint(truncate)');
    const raw = (await server.db.$client.execute('select token from connectors')).rows[0]!.token as string;
    expect(raw).not.toContain(scim.token);
    expect(readFileSync(server.dbPath).includes(Buffer.from(scim.token))).toBe(false);
  });

  it('lets admin and IT set it up, no one else, and refuses a second one for the subscription', async () => {
    for (const role of ['finance', 'viewer'] as const) {
      const who = await server.signedInAs(role);
      const body = { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: 't' };
      expect((await server.call('POST', '/api/v1/connectors', body, who)).status).toBe(403);
      expect((await server.call('GET', '/api/v1/connectors', undefined, who)).status).toBe(403);
    }
    const it = await server.signedInAs('it');
    const body = { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: scim.token };
    expect((await server.call('POST', '/api/v1/connectors', body, it)).status).toBe(201);
    const again = await server.call('POST', '/api/v1/connectors', body, it);
    expect([again.status, again.json.error.code]).toEqual([409, 'connector_exists']);
  });

  it('rejects bad input whole and stores nothing', async () => {
    for (const body of [
      { subscriptionId, kind: 'scim2', baseUrl: 'ftp://x', token: 't' },
      { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: 'has space' },
      { subscriptionId, kind: 'ldap', baseUrl: scim.baseUrl, token: 't' },
      { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: 't', maxDeletionShare: 2 },
    ]) {
      expect((await server.call('POST', '/api/v1/connectors', body, admin)).status).toBe(400);
    }
    const missing = { subscriptionId: 999, kind: 'scim2', baseUrl: scim.baseUrl, token: 't' };
    expect((await server.call('POST', '/api/v1/connectors', missing, admin)).status).toBe(404);
    expect((await server.call('GET', '/api/v1/connectors', undefined, admin)).json).toEqual([]);
  });

  it('tests a connection before saving and says what is wrong in words', async () => {
    scim.users.push(...users(3));
    const good = await server.call(
      'POST',
      '/api/v1/connectors/test',
      { baseUrl: scim.baseUrl, token: scim.token },
      admin,
    );
    expect(good.json).toMatchObject({ ok: true, users: 3, pageSize: 100, patchSupported: true });
    const bad = await server.call('POST', '/api/v1/connectors/test', { baseUrl: scim.baseUrl, token: 'wrong' }, admin);
    expect(bad.json).toMatchObject({ ok: false, vendorStatus: 401 });
    expect(bad.json.message).toContain('Check the token');
  });
});

describe('syncing', () => {
  it('reads every page, at the page size the vendor offers, as the whole seat list', async () => {
    scim.quirks.maxPageSize = 7;
    scim.users.push(...users(20));
    const id = await connect();
    const reply = await sync(id);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ mode: 'replace', dryRun: false, added: 20, removed: 0, users: 20, pages: 3 });
    const pages = scim.requests.filter((r) => r.path === '/Users');
    expect(pages.map((r) => [r.query.startIndex, r.query.count])).toEqual([
      ['1', '7'],
      ['8', '7'],
      ['15', '7'],
    ]);
    expect((await seatEmails()).length).toBe(20);

    // Gone at the vendor, deactivated there, or new: the next sync follows.
    scim.users.splice(0, 2);
    scim.users[0]!.active = false;
    scim.users.push(scimUser('new@example.com'));
    const again = await sync(id);
    expect(again.json).toMatchObject({ added: 1, removed: 3, skipped: [{ row: 1, reason: 'inactive at the vendor' }] });
    const runs = await server.call('GET', `/api/v1/connectors/${id}/runs`, undefined, admin);
    expect(runs.json.map((r: { kind: string; outcome: string }) => `${r.kind}:${r.outcome}`)).toEqual([
      'sync:ok',
      'sync:ok',
    ]);
    const shown = await server.call('GET', `/api/v1/connectors/${id}`, undefined, admin);
    expect(shown.json).toMatchObject({ lastSyncOutcome: 'ok', nextSyncAt: '2026-11-21T12:00:00.000Z' });
  });

  it('previews with dryRun and changes nothing', async () => {
    scim.users.push(...users(2));
    const id = await connect();
    const preview = await sync(id, '?dryRun=true');
    expect(preview.json).toMatchObject({ dryRun: true, added: 2, newPeople: 2 });
    expect(preview.json.changes.map((c: { email: string }) => c.email)).toEqual([
      'user0@example.com',
      'user1@example.com',
    ]);
    expect(await seatEmails()).toEqual([]);
  });

  it('pages by startIndex when the vendor offers no page size, and follows a totalResults that grows', async () => {
    scim.quirks.advertisePageSize = false;
    scim.quirks.maxPageSize = 40;
    scim.quirks.totalResultsDrift = 1;
    scim.users.push(...users(90));
    const id = await connect();
    const reply = await sync(id);
    expect(reply.json).toMatchObject({ added: 90, users: 90 });
    expect(scim.requests.filter((r) => r.path === '/Users').map((r) => r.query.startIndex)).toEqual([
      '1',
      '41',
      '81',
      '91',
    ]);
  });

  it('takes the email from emails without a primary flag, and skips a userName that is not an email', async () => {
    scim.users.push(
      scimUser('jdoe', { emails: [{ value: 'John.Doe@example.com', type: 'work' }] }),
      scimUser('svc-build', { emails: [] }),
      scimUser('ann', {
        emails: [
          { value: 'ann@home.test', type: 'home' },
          { value: 'ann@example.com', type: 'work' },
        ],
      }),
    );
    const id = await connect();
    const reply = await sync(id);
    expect(reply.json.skipped).toEqual([{ row: 2, reason: 'no email (userName "svc-build" is not one)' }]);
    expect(await seatEmails()).toEqual(['ann@example.com', 'john.doe@example.com']);
  });

  it('retries 429 and 503, waiting as Retry-After asks', async () => {
    scim.users.push(...users(3));
    scim.quirks.failNext.push({ status: 429, retryAfter: '1' }, { status: 503 });
    const id = await connect();
    const reply = await sync(id);
    expect(reply.json).toMatchObject({ added: 3 });
    const [run] = (await server.call('GET', `/api/v1/connectors/${id}/runs`, undefined, admin)).json;
    expect(run.message).toMatch(/Retries: waited 1 s after 429 \(Retry-After\); waited [\d.]+ s after 503\./);
  });

  it.each([
    [
      '5xx after every retry',
      () => scim.quirks.failNext.push({ status: 503 }, { status: 503 }, { status: 503 }),
      /page 2 .*503.*after 3 attempts/,
    ],
    ['a malformed page', () => (scim.quirks.malformedPage = 2), /page 2 .*not JSON/],
    [
      'a page that never answers',
      () => scim.quirks.failNext.push('hang', 'hang', 'hang'),
      /page 2 .*did not answer within 1 s/,
    ],
  ])('a sync failing part way on %s stores nothing and names the page', async (_, breakIt, said) => {
    scim.quirks.maxPageSize = 2;
    scim.quirks.failAfterPages = 1;
    scim.users.push(...users(5));
    const id = await connect();
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/seats`, { email: 'old@example.com' }, admin);
    breakIt();
    const reply = await sync(id);
    expect([reply.status, reply.json.error.code]).toEqual([502, 'vendor_failed']);
    expect(reply.json.error.message).toMatch(said);
    expect(reply.json.error.message).toMatch(/^Nothing was changed/);
    expect(await seatEmails()).toEqual(['old@example.com']);
    const [run] = (await server.call('GET', `/api/v1/connectors/${id}/runs`, undefined, admin)).json;
    expect(run).toMatchObject({ kind: 'sync', outcome: 'failed' });
  });

  it('refuses a sync that would remove more than the allowed share until someone confirms it', async () => {
    scim.users.push(...users(10));
    const id = await connect();
    await sync(id);
    scim.users.length = 0; // the vendor answers an empty list
    const blocked = await sync(id);
    expect([blocked.status, blocked.json.error.code]).toEqual([409, 'mass_deletion']);
    expect(blocked.json.error.message).toContain('remove 10 of 10 seats (100%)');
    expect((await seatEmails()).length).toBe(10);
    const preview = await sync(id, '?dryRun=true');
    expect(preview.json.warnings.join(' ')).toContain('remove 10 of 10 seats');
    expect((await sync(id, '?confirmRemovals=9')).status).toBe(409);
    const confirmed = await sync(id, '?confirmRemovals=10');
    expect(confirmed.json).toMatchObject({ removed: 10 });
    const runs = (await server.call('GET', `/api/v1/connectors/${id}/runs`, undefined, admin)).json;
    expect(runs.map((r: { kind: string; outcome: string }) => `${r.kind}:${r.outcome}`)).toEqual(
      ['sync:ok', 'sync:blocked', 'preview:ok', 'sync:blocked', 'sync:ok'].reverse(),
    );
    const audit = await server.call('GET', '/api/v1/audit?limit=50', undefined, admin);
    expect(JSON.stringify(audit.json)).toContain('connector.sync');
  });
});
