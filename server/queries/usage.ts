// Usage ingest (max-merge of the device's running totals) and per-person daily usage reads.

import type { InStatement } from '@libsql/client';
import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { PersonUsageDay, UsageRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { deviceDays, devices, people, personUsageDaily, usageDaily } from '../db/schema.ts';
import { utcDay } from '../domain/days.ts';
import { statementOf, writeAtomically } from './statements.ts';

/**
 * Stores a device's upload in one atomic batch. Values are running totals, so each column keeps its maximum:
 * a retried, duplicated or reordered upload changes nothing.
 */
export async function saveUsage(db: Db, deviceId: string, records: readonly UsageRecord[], now: Date): Promise<void> {
  await writeAtomically(db, usageStatements(db, deviceId, records, now));
}

/** The writes of one upload (last seen, the monitored day, the max-merge), to commit alone or with other uploads. */
export function usageStatements(db: Db, deviceId: string, records: readonly UsageRecord[], now: Date): InStatement[] {
  const statements = [
    statementOf(db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, deviceId))),
    statementOf(
      db
        .insert(deviceDays)
        .values({ deviceId, day: utcDay(now) })
        .onConflictDoNothing(),
    ),
  ];
  if (records.length === 0) return statements;
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
        lastActiveAt: sql`nullif(max(coalesce(${usageDaily.lastActiveAt}, 0),
          coalesce(excluded.last_active_at, 0)), 0)`,
      },
    });
  return [...statements, statementOf(upsert)];
}

/** Per person, app and day from the rollup the triggers keep (already summed over the person's devices). */
export async function listPersonUsage(
  db: Db,
  filter: { email?: string | undefined; appId?: string | undefined; from: string; to: string },
): Promise<PersonUsageDay[]> {
  const conditions: SQL[] = [gte(personUsageDaily.day, filter.from), lte(personUsageDaily.day, filter.to)];
  if (filter.email) conditions.push(eq(people.email, filter.email));
  if (filter.appId) conditions.push(eq(personUsageDaily.appId, filter.appId));
  const rows = await db
    .select({
      email: people.email,
      appId: personUsageDaily.appId,
      day: personUsageDaily.day,
      activeSeconds: personUsageDaily.activeSeconds,
      visits: personUsageDaily.visits,
      lastActiveAt: personUsageDaily.lastActiveAt,
    })
    .from(personUsageDaily)
    .innerJoin(people, eq(people.id, personUsageDaily.personId))
    .where(and(...conditions))
    .orderBy(asc(people.email), asc(personUsageDaily.day), asc(personUsageDaily.appId));
  return rows.map((row) => ({ ...row, lastActiveAt: row.lastActiveAt?.toISOString() ?? null }));
}
