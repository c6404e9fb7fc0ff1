// Usage ingest (max-merge of the device's running totals) and per-person daily usage reads.

import type { InStatement } from '@libsql/client';
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { PersonUsageDay, UsageRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { deviceDays, devices, people, personUsageDaily, usageDaily } from '../db/schema.ts';
import { utcDay } from '../domain/days.ts';
import { statementOf, writeAtomically } from './statements.ts';

/** One device's upload as ingest stores it: its records and when it arrived. */
export type StoredUpload = { deviceId: string; records: readonly UsageRecord[]; at: Date };

/**
 * Stores a device's upload in one atomic batch. Values are running totals, so each column keeps its maximum:
 * a retried, duplicated or reordered upload changes nothing.
 */
export async function saveUsage(db: Db, deviceId: string, records: readonly UsageRecord[], now: Date): Promise<void> {
  await writeAtomically(db, usageStatements(db, [{ deviceId, records, at: now }]));
}

/**
 * The writes of one or more uploads, three statements whatever their number (each statement costs more than its
 * rows): last seen, the monitored day and the max-merge. Two uploads of one device merge as two uploads in turn would.
 */
export function usageStatements(db: Db, uploads: readonly StoredUpload[]): InStatement[] {
  const lastSeenAt = new Date(Math.max(...uploads.map((upload) => upload.at.getTime())));
  const statements = [
    statementOf(
      db
        .update(devices)
        .set({ lastSeenAt })
        .where(inArray(devices.id, [...new Set(uploads.map((upload) => upload.deviceId))])),
    ),
    statementOf(
      db
        .insert(deviceDays)
        .values(uploads.map((upload) => ({ deviceId: upload.deviceId, day: utcDay(upload.at) })))
        .onConflictDoNothing(),
    ),
  ];
  const rows = uploads.flatMap(({ deviceId, records }) =>
    records.map((record) => ({
      deviceId,
      appId: record.appId,
      day: record.day,
      activeSeconds: record.activeSeconds,
      visits: record.visits,
      lastActiveAt: record.lastActiveAt === null ? null : new Date(record.lastActiveAt),
    })),
  );
  if (rows.length === 0) return statements;
  const upsert = db
    .insert(usageDaily)
    .values(rows)
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
