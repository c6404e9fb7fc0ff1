// One person's seats, and erasing their measured usage on request (the person, devices and seats stay).
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { PersonSeat } from '../contract.ts';
import type { Db } from '../db/client.ts';
import {
  apps,
  deviceDays,
  devices,
  personAppUsage,
  personDays,
  personUsageDaily,
  seats,
  subscriptions,
  usageDaily,
} from '../db/schema.ts';

export async function personSeats(db: Db, personId: number): Promise<PersonSeat[]> {
  return db
    .select({
      seatId: seats.id,
      subscriptionId: seats.subscriptionId,
      appId: subscriptions.appId,
      appName: apps.name,
      plan: subscriptions.plan,
      assignedAt: seats.assignedAt,
      source: seats.source,
      vendorLastActiveAt: seats.vendorLastActiveAt,
    })
    .from(seats)
    .innerJoin(subscriptions, eq(subscriptions.id, seats.subscriptionId))
    .innerJoin(apps, eq(apps.id, subscriptions.appId))
    .where(eq(seats.personId, personId))
    .orderBy(asc(apps.name), asc(subscriptions.plan));
}

/**
 * Deletes every usage total the person's devices sent, the days they reported, and the rollups built from them,
 * in one transaction. Rollups go first, so the usage triggers find nothing left to adjust.
 */
export async function erasePersonUsage(db: Db, personId: number): Promise<{ erasedDays: number }> {
  return db.transaction(async (tx) => {
    const theirDevices = tx.select({ id: devices.id }).from(devices).where(eq(devices.personId, personId));
    const [totals] = await tx.select({ n: count() }).from(usageDaily).where(inArray(usageDaily.deviceId, theirDevices));
    await tx.delete(personUsageDaily).where(eq(personUsageDaily.personId, personId));
    await tx.delete(personAppUsage).where(eq(personAppUsage.personId, personId));
    await tx.delete(personDays).where(eq(personDays.personId, personId));
    await tx.delete(usageDaily).where(inArray(usageDaily.deviceId, theirDevices));
    await tx.delete(deviceDays).where(inArray(deviceDays.deviceId, theirDevices));
    return { erasedDays: totals?.n ?? 0 };
  });
}
