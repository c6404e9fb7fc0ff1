// Usage ingest (max-merge of the device's running totals) and per-person daily usage reads.
import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { UsageRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { deviceDays, devices, people, usageDaily } from '../db/schema.ts';
import { utcDay } from '../domain/days.ts';

/**
 * Stores a device's upload in one atomic batch. Values are running totals, so each column keeps its maximum:
 * a retried, duplicated or reordered upload changes nothing.
 */
export async function saveUsage(db: Db, deviceId: string, records: readonly UsageRecord[], now: Date): Promise<void> {
  const statements = [
    db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, deviceId)),
    db.insert(deviceDays).values({ deviceId, day: utcDay(now) }).onConflictDoNothing(),
  ] as const;
  if (records.length === 0) {
    await db.batch(statements);
    return;
  }
  const upsert = db
    .insert(usageDaily)
    .values(
      records.map((record) => ({
        deviceId,
        appId: record.appId,
        day: record.day,
        activeSeconds: record.activeSeconds,
        visits: record.visits,
        lastActiveAt: record.lastActiveAt === null ? null : new Date(record.lastActiveAt),
      })),
    )
    .onConflictDoUpdate({
      target: [usageDaily.deviceId, usageDaily.appId, usageDaily.day],
      set: {
        activeSeconds: sql`max(${usageDaily.activeSeconds}, excluded.active_seconds)`,
        visits: sql`max(${usageDaily.visits}, excluded.visits)`,
        lastActiveAt: sql`nullif(max(coalesce(${usageDaily.lastActiveAt}, 0), coalesce(excluded.last_active_at, 0)), 0)`,
      },
    });
  await db.batch([...statements, upsert]);
}

export type PersonUsageDay = {
  email: string;
  appId: string;
  day: string;
  activeSeconds: number;
  visits: number;
  lastActiveAt: string | null;
};

export async function listPersonUsage(
  db: Db,
  filter: { email?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<PersonUsageDay[]> {
  const conditions: SQL[] = [];
  if (filter.email) conditions.push(eq(people.email, filter.email));
  if (filter.from) conditions.push(gte(usageDaily.day, filter.from));
  if (filter.to) conditions.push(lte(usageDaily.day, filter.to));
  const rows = await db
    .select({
      email: people.email,
      appId: usageDaily.appId,
      day: usageDaily.day,
      activeSeconds: sql<number>`sum(${usageDaily.activeSeconds})`.mapWith(Number),
      visits: sql<number>`sum(${usageDaily.visits})`.mapWith(Number),
      lastActiveAt: sql<number | null>`max(${usageDaily.lastActiveAt})`,
    })
    .from(usageDaily)
    .innerJoin(devices, eq(devices.id, usageDaily.deviceId))
    .innerJoin(people, eq(people.id, devices.personId))
    .where(and(...conditions))
    .groupBy(people.email, usageDaily.appId, usageDaily.day)
    .orderBy(asc(people.email), asc(usageDaily.day), asc(usageDaily.appId));
  return rows.map((row) => ({
    ...row,
    lastActiveAt: row.lastActiveAt === null ? null : new Date(Number(row.lastActiveAt)).toISOString(),
  }));
}
