// Revoking a reclaim on a connected subscription removes the account at a real SCIM server first: deactivate (the
// RFC PatchOp, or the form the vendor insists on) or delete; only the vendor's 2xx or 404 removes the seat, and a
// refusal keeps the reclaim ready with the vendor's status and message, retried later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScimServer, scimUser, startScimServer } from '../support/scim-server.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let scim: ScimServer;
let admin: { cookie: string };
let subscriptionId: number;

beforeEach(async () => {
  // Today is 2026-11-20; seats assigned in September and never used are reclaimable.
  server = await createTestServer();
  admin = await server.login();
  scim = await startScimServer({ users: [scimUser('idle@example.com'), scimUser('busy@example.com')] });
  const body = {
    appId: 'figma',
    plan: 'Org',
    metric: 'named_user',
    seats: 10,
    unitCost: 4500,
    currency: 'USD',
    billingPeriod: 'monthly',
  };
  subscriptionId = (await server.call('POST', '/api/v1/subscriptions', body, admin)).json.id;
  // Monitored (a device enrolled) and never seen using the app: never used, so reclaimable.
  const device = await server.enrollDevice('idle@example.com', admin);
  await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: device.deviceToken });
  for (const email of ['idle@example.com', 'busy@example.com'])
    await server.call(
      'POST',
      `/api/v1/subscriptions/${subscriptionId}/seats`,
      { email, assignedAt: '2026-09-01' },
      admin,
    );
});

afterEach(async () => {
  await scim.close();
  await server.close();
});

async function connectAndReclaim(deprovision: 'deactivate' | 'delete' | 'none') {
  const connector = await server.call(
    'POST',
    '/api/v1/connectors',
    { subscriptionId, kind: 'scim2', baseUrl: scim.baseUrl, token: scim.token, deprovision, syncEveryHours: 0 },
    admin,
  );
  const seats = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin)).json;
  const seat = seats.find((s: { email: string }) => s.email === 'idle@example.com');
  const created = await server.call('POST', '/api/v1/reclaims', { seatIds: [seat.id], notify: false }, admin);
  if (created.status !== 201) throw new Error(JSON.stringify(created.json));
  const [reclaim] = created.json;
  await server.call('POST', `/api/v1/reclaims/${reclaim.id}/ready`, undefined, admin);
  return { connectorId: connector.json.id as number, reclaimId: reclaim.id as number };
}
const revoke = (id: number) => server.call('POST', `/api/v1/reclaims/${id}/revoke`, undefined, admin);
const seatEmails = async () =>
  (
    (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin)).json as {
      email: string;
    }[]
  )
    .map((s) => s.email)
    .sort();
const runsOf = async (id: number) => (await server.call('GET', `/api/v1/connectors/${id}/runs`, undefined, admin)).json;

describe('deactivating at the vendor', () => {
  it.each([
    ['the RFC PatchOp', 'rfc', 1],
    ['a vendor that wants a value object', 'value-object', 2],
    ['a vendor that wants a capitalised op', 'capitalised-op', 3],
  ] as const)('with %s: the user is deactivated, then the seat removed', async (_, form, patches) => {
    scim.quirks.patch = form;
    scim.quirks.eqOnlyFilters = true;
    const { connectorId, reclaimId } = await connectAndReclaim('deactivate');
    const reply = await revoke(reclaimId);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ state: 'revoked', vendorProblem: null, vendorDeprovision: 'deactivate' });
    expect(scim.user('idle@example.com')!.active).toBe(false);
    expect(scim.user('busy@example.com')!.active).toBe(true);
    expect(scim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(patches);
    expect(scim.requests.find((r) => r.query.filter)!.query.filter).toBe('userName eq "idle@example.com"');
    expect(await seatEmails()).toEqual(['busy@example.com']);
    const [run] = await runsOf(connectorId);
    expect(run).toMatchObject({ kind: 'deprovision', outcome: 'ok', reclaimId, vendorStatus: 200 });
  });

  it('finds a user whose userName is not an email by emails.value', async () => {
    scim.users[0] = scimUser('i.dle', { emails: [{ value: 'idle@example.com' }] });
    const { reclaimId } = await connectAndReclaim('deactivate');
    expect((await revoke(reclaimId)).status).toBe(200);
    expect(scim.user('i.dle')!.active).toBe(false);
  });

  it('keeps the reclaim ready with the vendor answer when it refuses, and succeeds on retry', async () => {
    scim.quirks.deprovisionStatus = 403;
    const { connectorId, reclaimId } = await connectAndReclaim('deactivate');
    const refused = await revoke(reclaimId);
    expect([refused.status, refused.json.error.code]).toEqual([502, 'vendor_failed']);
    expect(refused.json.error.message).toContain('the vendor answered 403: Deprovisioning is locked');
    const kept = (await server.call('GET', `/api/v1/reclaims/${reclaimId}`, undefined, admin)).json;
    expect(kept).toMatchObject({ state: 'ready' });
    expect(kept.vendorProblem).toContain('403');
    expect(await seatEmails()).toEqual(['busy@example.com', 'idle@example.com']);
    expect((await runsOf(connectorId))[0]).toMatchObject({ kind: 'deprovision', outcome: 'failed', vendorStatus: 403 });

    scim.quirks.deprovisionStatus = null;
    const retried = await revoke(reclaimId);
    expect(retried.json).toMatchObject({ state: 'revoked', vendorProblem: null });
    expect(await seatEmails()).toEqual(['busy@example.com']);
    const audit = JSON.stringify((await server.call('GET', '/api/v1/audit?limit=50', undefined, admin)).json);
    expect(audit).toContain('connector.deprovision');
  });

  it('says to delete instead when the vendor does not PATCH users', async () => {
    scim.quirks.methods = 'delete-only';
    const { reclaimId } = await connectAndReclaim('deactivate');
    const refused = await revoke(reclaimId);
    expect(refused.status).toBe(502);
    expect(refused.json.error.message).toContain('does not PATCH users over SCIM: set the connector to delete');
    expect(scim.user('idle@example.com')!.active).toBe(true);
  });
});

describe('deleting at the vendor', () => {
  it('deletes the user, then the seat; a user already gone counts as done', async () => {
    const { reclaimId } = await connectAndReclaim('delete');
    expect((await revoke(reclaimId)).json).toMatchObject({ state: 'revoked' });
    expect(scim.user('idle@example.com')).toBeUndefined();
    expect(scim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('removes the seat when the vendor has no such user (404)', async () => {
    scim.users.splice(0, 1);
    const { connectorId, reclaimId } = await connectAndReclaim('delete');
    expect((await revoke(reclaimId)).json).toMatchObject({ state: 'revoked' });
    expect((await runsOf(connectorId))[0]).toMatchObject({ outcome: 'ok', vendorStatus: 404 });
  });

  it('says to deactivate instead when the vendor does not delete users', async () => {
    scim.quirks.methods = 'patch-only';
    const { reclaimId } = await connectAndReclaim('delete');
    const refused = await revoke(reclaimId);
    expect(refused.json.error.message).toContain('the vendor answered 405');
    expect(refused.json.error.message).toContain('set the connector to deactivate');
    expect(scim.user('idle@example.com')).toBeDefined();
  });
});

it('calls no vendor when the connector does not deprovision', async () => {
  const { reclaimId } = await connectAndReclaim('none');
  expect((await revoke(reclaimId)).json).toMatchObject({ state: 'revoked', vendorDeprovision: 'none' });
  expect(scim.requests).toHaveLength(0);
});
