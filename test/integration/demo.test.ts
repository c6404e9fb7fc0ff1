// The demo company: seeded once into an empty database, with every status and finding a newcomer should see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterAll(async () => server.close());

describe('the demo company', () => {
  it('seeds people, subscriptions and usage once, and a second run changes nothing', async () => {
    const first = await seedDemo(server.db, server.clock.now);
    expect(first).toMatchObject({ seeded: true, subscriptions: 14 });
    expect(first.people).toBeGreaterThan(200);
    const counts = async () =>
      (
        await server.db.$client.execute(
          'select (select count(*) from people) p, (select count(*) from seats) s, ' +
            '(select count(*) from usage_daily) u',
        )
      ).rows[0];
    const before = await counts();
    expect(await seedDemo(server.db, server.clock.now)).toMatchObject({ seeded: false });
    expect(await counts()).toEqual(before);
  });

  const showsEveryCase =
    'shows every seat status, over-assigned plans, a site and a flat licence, and totals in three currencies';
  it(showsEveryCase, async () => {
    const { json } = await server.call('GET', '/api/v1/reconciliation', undefined, admin);
    const totals = { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 };
    for (const row of json.subscriptions)
      for (const [status, n] of Object.entries(row.counts)) totals[status as keyof typeof totals] += n as number;
    for (const n of Object.values(totals)) expect(n).toBeGreaterThan(0);
    expect(json.subscriptions.some((r: { overAssigned: number }) => r.overAssigned > 0)).toBe(true);
    expect(json.subscriptions.map((r: { metric: string }) => r.metric)).toEqual(
      expect.arrayContaining(['named_user', 'concurrent', 'site', 'flat']),
    );
    expect(Object.keys(json.totals.byCurrency).sort()).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('has shadow IT and renewals ahead', async () => {
    const discovered = await server.call('GET', '/api/v1/discovered', undefined, admin);
    expect(discovered.json.map((d: { appId: string }) => d.appId)).toEqual(
      expect.arrayContaining(['chatgpt', 'canva', 'datadog']),
    );
    const subscriptions = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json as {
      renewalDate: string;
    }[];
    expect(
      subscriptions.filter((s) => s.renewalDate > '2026-11-20' && s.renewalDate <= '2026-12-20').length,
    ).toBeGreaterThan(0);
  });
});
