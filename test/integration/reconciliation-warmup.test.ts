// The process keeps the reconciliation of the days about to be read built: at 23:45 UTC tomorrow's is built too, so
// the first read after midnight refreshes it from the change log (no build), and it still counts the usage written
// between the warm-up and the read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readReconciliation } from '../../server/services/reconciliation.ts';
import { warmReconciliation } from '../../server/services/reconciliation-warmup.ts';
import { usageIndexBuilds } from '../../server/services/usage-index-cache.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterAll(async () => server.close());

it('builds today and, before midnight, tomorrow; the first read of the new day builds nothing', async () => {
  const { json: sub } = await server.call(
    'POST',
    '/api/v1/subscriptions',
    { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 2, unitCost: 800, currency: 'USD' },
    admin,
  );
  await server.call('POST', `/api/v1/subscriptions/${sub.id}/seats`, { email: 'ada@example.com' }, admin);
  const device = await server.enrollDevice('ada@example.com', admin);

  const builds = usageIndexBuilds(server.db);
  await warmReconciliation(server.db, new Date('2026-11-20T12:00:00Z'));
  expect(usageIndexBuilds(server.db) - builds).toBe(1);
  await warmReconciliation(server.db, new Date('2026-11-20T23:45:00Z'));
  expect(usageIndexBuilds(server.db) - builds).toBe(2);

  // Used after the warm-up, on the evening before and on the new day.
  const sent = await server.call(
    'POST',
    '/api/v1/devices/usage',
    {
      records: [
        { appId: 'slack', day: '2026-11-20', activeSeconds: 1_800, visits: 2, lastActiveAt: null },
        { appId: 'slack', day: '2026-11-21', activeSeconds: 1_200, visits: 1, lastActiveAt: null },
      ],
    },
    { bearer: device.deviceToken },
  );
  expect(sent.status).toBe(200);
  server.clock.now = new Date('2026-11-21T00:05:00Z');
  const { subscriptions } = await readReconciliation(server.db, '2026-11-21');
  expect(usageIndexBuilds(server.db) - builds).toBe(2);
  expect(subscriptions.find((row) => row.subscriptionId === sub.id)).toMatchObject({ assigned: 1 });
  const report = await readReconciliation(server.db, '2026-11-21');
  expect(report.holders.get(sub.id)).toEqual([
    expect.objectContaining({ status: 'active', activeSecondsInWindow: 3_000 }),
  ]);
});
