// Connectors over time: the scheduled sync (the job the lease runs) syncs only what is due; a connector is changed
// (a new token replaces the old one, unseen) and deleted; the whole sync's deadline stops retries that cannot fit.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CONNECTORS_JOB, serverJobs } from '../../server/jobs/server-jobs.ts';
import { type ScimServer, scimUser, startScimServer } from '../support/scim-server.ts';
import { createTestServer, TEST_CONNECTOR_SETTINGS, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let scim: ScimServer;
let admin: { cookie: string };
let connectorId: number;

beforeEach(async () => {
  server = await createTestServer({ connectors: { deadlineMs: 2_000 } });
  admin = await server.login();
  scim = await startScimServer({ users: [scimUser('ann@example.com'), scimUser('bo@example.com')] });
  const body = {
    appId: 'notion',
    plan: 'Plus',
    metric: 'named_user',
    seats: 5,
    unitCost: 1000,
    currency: 'USD',
    billingPeriod: 'monthly',
  };
  const subscriptionId = (await server.call('POST', '/api/v1/subscriptions', body, admin)).json.id;
  const connector = { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: scim.token, syncEveryHours: 6 };
  connectorId = (await server.call('POST', '/api/v1/connectors', connector, admin)).json.id;
});

afterEach(async () => {
  await scim.close();
  await server.close();
});

const runs = async () => (await server.call('GET', `/api/v1/connectors/${connectorId}/runs`, undefined, admin)).json;

it('syncs on schedule only when a connector is due', async () => {
  const job = serverJobs(server.db, null, TEST_CONNECTOR_SETTINGS).find((j) => j.name === CONNECTORS_JOB)!;
  const start = new Date('2026-11-20T12:00:00Z');
  await job.run(start);
  expect(await runs()).toMatchObject([{ kind: 'sync', outcome: 'ok', actor: 'system' }]);
  await job.run(new Date('2026-11-20T17:59:00Z'));
  expect(await runs()).toHaveLength(1);
  scim.users.push(scimUser('cy@example.com'));
  await job.run(new Date('2026-11-20T18:00:00Z'));
  expect(await runs()).toHaveLength(2);
  expect((await runs())[0].counts).toMatchObject({ added: 1 });
  const shown = (await server.call('GET', `/api/v1/connectors/${connectorId}`, undefined, admin)).json;
  expect(shown.nextSyncAt).toBe('2026-11-21T00:00:00.000Z');
});

it('replaces the token without showing it, and deletes the connector with its runs', async () => {
  const changed = await server.call(
    'PATCH',
    `/api/v1/connectors/${connectorId}`,
    { token: 'new-token', deprovision: 'delete' },
    admin,
  );
  expect(changed.json).toMatchObject({ deprovision: 'delete', tokenSet: true });
  expect(JSON.stringify(changed.json)).not.toContain('new-token');
  const failed = await server.call('POST', `/api/v1/connectors/${connectorId}/sync`, undefined, admin);
  expect(failed.json.error.message).toContain('the vendor answered 401');
  expect(scim.requests.at(-1)).toMatchObject({ path: '/ServiceProviderConfig' });
  const audit = JSON.stringify((await server.call('GET', '/api/v1/audit?limit=50', undefined, admin)).json);
  expect(audit).toContain('connector.update');
  expect(audit).not.toContain('new-token');
  expect((await server.call('DELETE', `/api/v1/connectors/${connectorId}`, undefined, admin)).status).toBe(204);
  expect((await server.call('GET', `/api/v1/connectors/${connectorId}`, undefined, admin)).status).toBe(404);
  expect((await server.db.$client.execute('select count(*) as n from connector_runs')).rows[0]!.n).toBe(0);
});

it("gives up when the sync's deadline leaves no time for the wait the vendor asks", async () => {
  scim.quirks.failNext.push({ status: 429, retryAfter: '30' });
  const reply = await server.call('POST', `/api/v1/connectors/${connectorId}/sync`, undefined, admin);
  expect([reply.status, reply.json.error.code]).toEqual([502, 'vendor_failed']);
  expect(reply.json.error.message).toContain("the sync's deadline leaves no time to retry");
  expect(scim.requests).toHaveLength(1);
});
