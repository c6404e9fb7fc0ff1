// Usage ingest (max-merge of the device's running totals) and per-person daily usage reads.

import type { InStatement } from '@libsql/client';
import { and, asc, eq, getTableName, gte, lte, type SQL } from 'drizzle-orm';
import type { PersonUsageDay, UsageRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { deviceDays, devices, people, personUsageDaily, usageDaily } from '../db/schema.ts';
import type { WriteResult } from '../db/write-thread.ts';
import { utcDay } from '../domain/days.ts';
import { writeAtomically } from './statements.ts';

/** One device's upload as ingest stores it: its records and when it arrived. */
export type StoredUpload = { deviceId: string; records: readonly UsageRecord[]; at: Date };

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const DEVICES = quoted(getTableName(devices));
const DEVICE_DAYS = quoted(getTableName(deviceDays));
const USAGE_DAILY = quoted(getTableName(usageDaily));
const column = (c: { name: string }) => quoted(c.name);

/**
 * The three statements of every write of uploads, the same text whatever the number of uploads: each takes its rows
 * as one JSON parameter (json_each), so building a group's writes costs one JSON.stringify, and the write thread
 * prepares each statement once. Only a live device's upload is written: the first statement moves the last-seen time
 * of the devices not revoked (nor deleted) and returns their ids, the others skip the rows of any other device, so
 * the transaction itself is the last word on whether a device may upload. `where true` (or the `where exists`) tells
 * SQLite's parser the `on conflict` belongs to the insert.
 */
const LAST_SEEN_SQL =
  `update ${DEVICES} set ${column(devices.lastSeenAt)} = ? ` +
  `where ${column(devices.id)} in (select value from json_each(?)) and ${column(devices.revokedAt)} is null ` +
  `returning ${column(devices.id)}`;
const liveDevice = (id: string) =>
  `exists (select 1 from ${DEVICES} where ${column(devices.id)} = ${id} and ${column(devices.revokedAt)} is null)`;
const DEVICE_DAYS_SQL =
  `insert into ${DEVICE_DAYS} (${column(deviceDays.deviceId)}, ${column(deviceDays.day)}) ` +
  `select value ->> 0, value ->> 1 from json_each(?) where ${liveDevice('value ->> 0')} on conflict do nothing`;
const activeSeconds = column(usageDaily.activeSeconds);
const visits = column(usageDaily.visits);
const lastActiveAt = column(usageDaily.lastActiveAt);
const usageKey = `${column(usageDaily.deviceId)}, ${column(usageDaily.appId)}, ${column(usageDaily.day)}`;
const USAGE_SQL =
  `insert into ${USAGE_DAILY} (${usageKey}, ${activeSeconds}, ${visits}, ${lastActiveAt}) ` +
  'select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 from json_each(?) ' +
  `where ${liveDevice('value ->> 0')} ` +
  `on conflict (${usageKey}) do update set ` +
  `${activeSeconds} = max(${activeSeconds}, excluded.${activeSeconds}), ` +
  `${visits} = max(${visits}, excluded.${visits}), ` +
  `${lastActiveAt} = nullif(max(coalesce(${lastActiveAt}, 0), coalesce(excluded.${lastActiveAt}, 0)), 0)`;

/**
 * The writes of one or more uploads, three statements whatever their number (each statement costs more than its
 * rows): last seen, the monitored day and the max-merge. Two uploads of one device merge as two uploads in turn would.
 * The first statement's rows (`liveDevicesOf`) say which of the uploads' devices were live, so were written.
 */
export function usageStatements(uploads: readonly StoredUpload[]): InStatement[] {
  let lastSeenAt = 0;
  const deviceIds = new Set<string>();
  const days: [string, string][] = [];
  const rows: [string, string, string, number, number, number | null][] = [];
  for (const { deviceId, records, at } of uploads) {
    lastSeenAt = Math.max(lastSeenAt, at.getTime());
    deviceIds.add(deviceId);
    days.push([deviceId, utcDay(at)]);
    for (const record of records) {
      const last = record.lastActiveAt === null ? null : Date.parse(record.lastActiveAt);
      rows.push([deviceId, record.appId, record.day, record.activeSeconds, record.visits, last]);
    }
  }
  const statements: InStatement[] = [
    { sql: LAST_SEEN_SQL, args: [lastSeenAt, JSON.stringify([...deviceIds])] },
    { sql: DEVICE_DAYS_SQL, args: [JSON.stringify(days)] },
  ];
  if (rows.length > 0) statements.push({ sql: USAGE_SQL, args: [JSON.stringify(rows)] });
  return statements;
}

/** The ids of the devices whose uploads `usageStatements` wrote, from what its statements returned. */
export function liveDevicesOf(results: readonly WriteResult[]): Set<string> {
  const [lastSeen] = results;
  return new Set(lastSeen && 'rows' in lastSeen ? lastSeen.rows.map((row) => String(row.id)) : []);
}

/**
 * Stores a device's upload in one atomic batch. Values are running totals, so each column keeps its maximum:
 * a retried, duplicated or reordered upload changes nothing. False (and nothing stored) when the device is revoked or
 * gone.
 */
export async function saveUsage(
  db: Db,
  deviceId: string,
  records: readonly UsageRecord[],
  now: Date,
): Promise<boolean> {
  const results = await writeAtomically(db, usageStatements([{ deviceId, records, at: now }]));
  return results[0]!.rows.length > 0;
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
