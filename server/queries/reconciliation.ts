// Loads the facts reconciliation needs for one as-of day from the per-person rollups and hands them to the domain.
import { and, eq, gt, gte, inArray, lte, max, sql, sum, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apps, people, personAppUsage, personDays, personUsageDaily, seats, subscriptions } from '../db/schema.ts';
import { windowStart } from '../domain/days.ts';
import { reconcileCompany, type CompanyFacts, type CompanyReconciliation } from '../domain/reconciliation-report.ts';

export type ReconciliationScope = { appId?: string };

async function loadSubscriptions(db: Db, scope: ReconciliationScope) {
  return db
    .select({
      id: subscriptions.id,
      appId: subscriptions.appId,
      appName: apps.name,
      plan: subscriptions.plan,
      metric: subscriptions.metric,
      seats: subscriptions.seats,
      unitCost: subscriptions.unitCost,
      currency: subscriptions.currency,
      billingPeriod: subscriptions.billingPeriod,
      activityWindowDays: subscriptions.activityWindowDays,
      minActiveMinutes: subscriptions.minActiveMinutes,
    })
    .from(subscriptions)
    .innerJoin(apps, eq(apps.id, subscriptions.appId))
    .where(scope.appId ? eq(subscriptions.appId, scope.appId) : undefined)
    .orderBy(subscriptions.id);
}

/** Reconciliation of every subscription, or only those of one app (the app's seats all matter for seatless use). */
export async function getReconciliation(db: Db, asOf: string, scope: ReconciliationScope = {}): Promise<CompanyReconciliation> {
  const subs = await loadSubscriptions(db, scope);
  const appIds = [...new Set(subs.map((s) => s.appId))];
  const windows = [...new Set(subs.map((s) => s.activityWindowDays))];
  if (subs.length === 0) {
    return reconcileCompany({ asOf, subscriptions: [], seats: [], windowSeconds: new Map(), firstUse: [], lastUploadDay: [], peakDailyActive: [] });
  }
  const longest = windowStart(asOf, Math.max(...windows));
  const appFilter = (column: typeof personUsageDaily.appId | typeof personAppUsage.appId): SQL => inArray(column, appIds);
  const concurrentApps = [...new Set(subs.filter((s) => s.metric === 'concurrent').map((s) => s.appId))];

  const [seatRows, firstUse, lastUploadDay, windowSeconds, peakDailyActive] = await Promise.all([
    db
      .select({
        seatId: seats.id,
        subscriptionId: seats.subscriptionId,
        personId: seats.personId,
        assignedAt: seats.assignedAt,
        vendorLastActiveDay: seats.vendorLastActiveAt,
        personStatus: people.status,
        endDate: people.endDate,
      })
      .from(seats)
      .innerJoin(people, eq(people.id, seats.personId))
      .innerJoin(subscriptions, eq(subscriptions.id, seats.subscriptionId))
      .where(scope.appId ? eq(subscriptions.appId, scope.appId) : undefined),
    db
      .select({ personId: personAppUsage.personId, appId: personAppUsage.appId, firstDay: personAppUsage.firstDay })
      .from(personAppUsage)
      .where(and(appFilter(personAppUsage.appId), lte(personAppUsage.firstDay, asOf))),
    db
      .select({ personId: personDays.personId, day: sql<string>`${max(personDays.day)}` })
      .from(personDays)
      .where(and(gte(personDays.day, longest), lte(personDays.day, asOf)))
      .groupBy(personDays.personId),
    loadWindowSeconds(db, asOf, windows, appIds),
    loadPeaks(db, asOf, subs.filter((s) => concurrentApps.includes(s.appId)).map((s) => [s.appId, s.activityWindowDays] as const)),
  ]);

  const facts: CompanyFacts = {
    asOf,
    subscriptions: subs,
    seats: seatRows.map((s) => ({ ...s, vendorLastActiveDay: s.vendorLastActiveDay?.slice(0, 10) ?? null })),
    windowSeconds,
    firstUse,
    lastUploadDay,
    peakDailyActive,
  };
  return reconcileCompany(facts);
}

async function loadWindowSeconds(db: Db, asOf: string, windows: number[], appIds: string[]) {
  const entries = await Promise.all(
    windows.map(async (windowDays) => {
      const rows = await db
        .select({
          personId: personUsageDaily.personId,
          appId: personUsageDaily.appId,
          activeSeconds: sum(personUsageDaily.activeSeconds).mapWith(Number),
        })
        .from(personUsageDaily)
        .where(
          and(
            gte(personUsageDaily.day, windowStart(asOf, windowDays)),
            lte(personUsageDaily.day, asOf),
            inArray(personUsageDaily.appId, appIds),
            gt(personUsageDaily.activeSeconds, 0),
          ),
        )
        .groupBy(personUsageDaily.personId, personUsageDaily.appId);
      return [windowDays, rows] as const;
    }),
  );
  return new Map(entries);
}

async function loadPeaks(db: Db, asOf: string, pairs: (readonly [string, number])[]) {
  const unique = [...new Map(pairs.map((p) => [`${p[0]}:${p[1]}`, p])).values()];
  return Promise.all(
    unique.map(async ([appId, windowDays]) => {
      const perDay = db
        .select({ users: sql<number>`count(*)`.as('users') })
        .from(personUsageDaily)
        .where(
          and(
            eq(personUsageDaily.appId, appId),
            gte(personUsageDaily.day, windowStart(asOf, windowDays)),
            lte(personUsageDaily.day, asOf),
            gt(personUsageDaily.activeSeconds, 0),
          ),
        )
        .groupBy(personUsageDaily.day)
        .as('per_day');
      const [row] = await db.select({ peak: sql<number>`coalesce(max(${perDay.users}), 0)`.mapWith(Number) }).from(perDay);
      return { appId, windowDays, peak: row?.peak ?? 0 };
    }),
  );
}
