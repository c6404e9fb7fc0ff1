// The detail page's holders (GET /subscriptions/:id/reconciliation) against the seat report of the same day: the
// same holders with the same status, last activity, seconds and reclaim, on every subscription of the demo company;
// filters and pages are slices of the same list; a change to a person shows at once (the holder list is kept per
// inventory version) and so does new usage (last activity is read for each page).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { seatReport } from '../../server/services/reports.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let today: string;

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
  await seedDemo(server.db, server.clock.now);
  today = server.clock.now.toISOString().slice(0, 10);
});
afterAll(async () => server.close());

type Holder = { seatId: number; email: string; name: string | null; status: string; lastActiveAt: string | null };
const detail = async (id: number, query = '') => {
  const { status, json } = await server.call(
    'GET',
    `/api/v1/subscriptions/${id}/reconciliation?${query}`,
    undefined,
    admin,
  );
  expect(status).toBe(200);
  return json as { holdersTotal: number; holders: Holder[] };
};

it('shows on the detail page exactly the holders the seat report has, for every subscription', async () => {
  const subscriptions = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json as { id: number }[];
  expect(subscriptions.length).toBeGreaterThan(10);
  let compared = 0;
  for (const { id } of subscriptions) {
    const report = await seatReport(server.db, { subscriptionId: id }, today, today);
    const expected = report
      .map(({ holder: { measuredLastActiveAt: _m, vendorLastActiveDay: _v, ...holder } }) => holder)
      .sort((a, b) => a.email.localeCompare(b.email));
    const { holdersTotal, holders } = await detail(id);
    expect(holders).toEqual(expected);
    expect(holdersTotal).toBe(expected.length);
    compared += holders.length;
  }
  expect(compared).toBeGreaterThan(200);
});

it('filters and pages as slices of the whole list', async () => {
  const subscriptions = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json as { id: number }[];
  const sizes = await Promise.all(subscriptions.map(async ({ id }) => ({ id, all: (await detail(id)).holders })));
  const { id, all } = sizes.sort((a, b) => b.all.length - a.all.length)[0]!;
  expect(all.length).toBeGreaterThan(20);
  expect((await detail(id, 'limit=7&offset=5')).holders).toEqual(all.slice(5, 12));
  for (const status of ['active', 'idle', 'never_used', 'left', 'grace', 'unmonitored']) {
    const matching = all.filter((h) => h.status === status);
    const page = await detail(id, `status=${status}&limit=3`);
    expect([page.holdersTotal, page.holders]).toEqual([matching.length, matching.slice(0, 3)]);
  }
  const needle = all[3]!.email.slice(0, 4).toUpperCase();
  const found = await detail(id, `search=${needle}`);
  expect(found.holders).toEqual(
    all.filter((h) => h.email.includes(needle.toLowerCase()) || h.name?.toLowerCase().includes(needle.toLowerCase())),
  );
});

it('shows a renamed holder and new usage at once', async () => {
  const subscriptions = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json as {
    id: number;
    appId: string;
  }[];
  const { id, appId } = subscriptions[0]!;
  const before = (await detail(id)).holders[0]!;
  const device = await server.enrollDevice(before.email, admin);
  const lastActiveAt = `${today}T11:59:00.000Z`;
  const sent = await server.call(
    'POST',
    '/api/v1/devices/usage',
    { records: [{ appId, day: today, activeSeconds: 5_400, visits: 1, lastActiveAt }] },
    { bearer: device.deviceToken },
  );
  expect(sent.status).toBe(200);
  const used = (await detail(id)).holders.find((h) => h.seatId === before.seatId)!;
  expect([used.lastActiveAt, used.status]).toEqual([lastActiveAt, 'active']);
  expect(used.lastActiveAt).not.toBe(before.lastActiveAt);

  await server.db.$client.execute({
    sql: "update people set name = 'Renamed Holder' where email = ?",
    args: [before.email],
  });
  const after = (await detail(id)).holders.find((h) => h.seatId === before.seatId)!;
  expect(after.name).toBe('Renamed Holder');
});
