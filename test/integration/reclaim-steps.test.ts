// A reclaim step saved only from the state it was read in: when someone else moved the reclaim first, the step
// writes nothing (no seat removed, no audit entry) and the API answers 409; the blocked-seat read says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reclaim } from '../../server/contract.ts';
import { saveReclaimStep } from '../../server/queries/reclaim-steps.ts';
import { blockedSeats } from '../../server/queries/reclaims.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let subscriptionId: number;
let seatId: number;
let reclaim: Reclaim;

const audit = async () =>
  (await server.call('GET', '/api/v1/audit?limit=100', undefined, admin)).json.entries as { action: string }[];

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
  const created = await server.call(
    'POST',
    '/api/v1/subscriptions',
    { appId: 'figma', plan: 'Professional', metric: 'named_user', seats: 5, unitCost: 1_200, currency: 'EUR' },
    admin,
  );
  subscriptionId = created.json.id;
  await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: 'email,status\nleaver@example.com,Terminated\n',
  });
  const seat = await server.call(
    'POST',
    `/api/v1/subscriptions/${subscriptionId}/seats`,
    { email: 'leaver@example.com', assignedAt: '2026-01-01' },
    admin,
  );
  seatId = seat.json.id;
  const proposed = await server.call('POST', '/api/v1/reclaims', { seatIds: [seatId], notify: false }, admin);
  expect(proposed.status).toBe(201);
  reclaim = proposed.json[0];
});
afterAll(async () => {
  await server.close();
});

describe('a reclaim step from a state the reclaim has left', () => {
  it('is refused as stale and writes nothing: the seat stays, no audit entry is added', async () => {
    expect(reclaim.state).toBe('ready');
    const entriesBefore = await audit();
    const revokeFromReleased = await saveReclaimStep(
      server.db,
      reclaim.id,
      'released',
      {
        set: { state: 'revoked', revokedAt: server.clock.now },
        actor: 'user:admin@example.com',
        action: 'reclaim.revoke',
        before: { state: 'released' },
        after: { state: 'revoked' },
        removeSeat: { seatId, before: { email: 'leaver@example.com' } },
      },
      server.clock.now,
    );
    expect(revokeFromReleased).toBe('stale');
    const seats = await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin);
    expect(seats.json.map((s: { id: number }) => s.id)).toContain(seatId);
    expect(await audit()).toEqual(entriesBefore);
    const stored = await server.call('GET', `/api/v1/reclaims/${reclaim.id}`, undefined, admin);
    expect(stored.json).toMatchObject({ state: 'ready', revokedAt: null });
  });

  it('says the seat is already being reclaimed while the reclaim is unfinished', async () => {
    const blocked = await blockedSeats(server.db, [seatId, seatId + 1000], '2026-11-20');
    expect([...blocked]).toEqual([[seatId, { state: 'ready', keptUntil: null }]]);
    const again = await server.call('POST', '/api/v1/reclaims', { seatIds: [seatId], notify: false }, admin);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('already being reclaimed (ready)');
  });

  it('is saved from the state it was read in: revoking removes the seat, audited as both steps', async () => {
    const revoked = await server.call('POST', `/api/v1/reclaims/${reclaim.id}/revoke`, undefined, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.json.state).toBe('revoked');
    const seats = await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin);
    expect(seats.json.map((s: { id: number }) => s.id)).not.toContain(seatId);
    const actions = (await audit()).map((entry) => entry.action);
    expect(actions.slice(0, 2).sort()).toEqual(['reclaim.revoke', 'seat.remove']);
  });
});
