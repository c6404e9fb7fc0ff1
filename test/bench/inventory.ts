// The bench company's licence inventory: 250 subscriptions over the catalog and their seat lists, the same at every
// company size (the seat list is what a company buys; the people and their usage are what grows).
import { CATALOG } from '../../server/catalog/apps.ts';
import type { Db } from '../../server/db/client.ts';
import { seededRandom } from '../../server/domain/seeded-random.ts';

export type BenchSubscription = {
  appId: string;
  plan: string;
  metric: 'concurrent' | 'named_user';
  seats: number;
  unitCost: number;
  activityWindowDays: number;
};
/** `personIndex` counts from 0; the person's id is one more. */
export type BenchInventory = { subscriptions: BenchSubscription[]; seats: { subIndex: number; personIndex: number }[] };

export const BENCH_SUBSCRIPTIONS = 250;

/** Subscriptions with 20-140 seats, 90% assigned, to people spread over the whole company. */
export function buildInventory(people: number, random = seededRandom(42), count = BENCH_SUBSCRIPTIONS): BenchInventory {
  const appIds = CATALOG.map((app) => app.id);
  const subscriptions = Array.from({ length: count }, (_, i) => ({
    appId: appIds[i % appIds.length]!,
    plan: `Plan ${Math.floor(i / appIds.length) + 1}`,
    metric: i % 25 === 0 ? ('concurrent' as const) : ('named_user' as const),
    seats: 20 + Math.floor(random() * 120),
    unitCost: 500 + Math.floor(random() * 5_000),
    activityWindowDays: i % 10 === 0 ? 60 : 30,
  }));
  const seats = subscriptions.flatMap((sub, subIndex) =>
    Array.from({ length: Math.floor(sub.seats * 0.9) }, (_, k) => ({
      subIndex,
      personIndex: (subIndex * 97 + k * 13) % people,
    })),
  );
  return { subscriptions, seats };
}

export async function loadInventory(db: Db, inventory: BenchInventory) {
  const now = Date.now();
  await db.$client.execute({
    sql:
      'insert into subscriptions ' +
      '(app_id, plan, metric, seats, unit_cost, currency, billing_period, activity_window_days, updated_at) values ' +
      inventory.subscriptions.map(() => "(?, ?, ?, ?, ?, 'USD', 'annual', ?, ?)").join(','),
    args: inventory.subscriptions.flatMap((s) => [
      s.appId,
      s.plan,
      s.metric,
      s.seats,
      s.unitCost,
      s.activityWindowDays,
      now,
    ]),
  });
  for (let i = 0; i < inventory.seats.length; i += 5_000) {
    const chunk = inventory.seats.slice(i, i + 5_000);
    await db.$client.execute({
      sql:
        'insert or ignore into seats (subscription_id, person_id, assigned_at, source) values ' +
        chunk.map(() => "(?, ?, '2026-01-05', 'import')").join(','),
      args: chunk.flatMap((s) => [s.subIndex + 1, s.personIndex + 1]),
    });
  }
}
