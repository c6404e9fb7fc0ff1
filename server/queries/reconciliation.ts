// Loads the facts reconciliation needs for one as-of day and hands them to the pure domain.
import { and, eq, gt, gte, lte, max, sql, sum } from 'drizzle-orm';
import type { Reconciliation } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apps, deviceDays, devices, people, seats, subscriptions, usageDaily } from '../db/schema.ts';
import { windowStart } from '../domain/days.ts';
import { reconcileCompany } from '../domain/reconciliation-report.ts';

export async function getReconciliation(db: Db, asOf: string): Promise<Reconciliation> {
  const subs = await db
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
    .orderBy(subscriptions.id);
  const longestWindow = Math.max(1, ...subs.map((s) => s.activityWindowDays));
  const from = windowStart(asOf, longestWindow);

  const [seatRows, usage, lastUse, monitoredDays] = await Promise.all([
    db
      .select({
        subscriptionId: seats.subscriptionId,
        personId: seats.personId,
        assignedAt: seats.assignedAt,
        vendorLastActiveDay: seats.vendorLastActiveAt,
        personStatus: people.status,
        endDate: people.endDate,
      })
      .from(seats)
      .innerJoin(people, eq(people.id, seats.personId)),
    db
      .select({
        personId: devices.personId,
        appId: usageDaily.appId,
        day: usageDaily.day,
        activeSeconds: sum(usageDaily.activeSeconds).mapWith(Number),
      })
      .from(usageDaily)
      .innerJoin(devices, eq(devices.id, usageDaily.deviceId))
      .where(and(gte(usageDaily.day, from), lte(usageDaily.day, asOf)))
      .groupBy(devices.personId, usageDaily.appId, usageDaily.day),
    db
      .select({ personId: devices.personId, appId: usageDaily.appId, lastUseDay: sql<string>`${max(usageDaily.day)}` })
      .from(usageDaily)
      .innerJoin(devices, eq(devices.id, usageDaily.deviceId))
      .where(and(lte(usageDaily.day, asOf), gt(usageDaily.activeSeconds, 0)))
      .groupBy(devices.personId, usageDaily.appId),
    db
      .selectDistinct({ personId: devices.personId, day: deviceDays.day })
      .from(deviceDays)
      .innerJoin(devices, eq(devices.id, deviceDays.deviceId))
      .where(and(gte(deviceDays.day, from), lte(deviceDays.day, asOf))),
  ]);

  return reconcileCompany({
    asOf,
    subscriptions: subs,
    seats: seatRows.map((s) => ({ ...s, vendorLastActiveDay: s.vendorLastActiveDay?.slice(0, 10) ?? null })),
    usage,
    lastUse,
    monitoredDays,
  });
}
