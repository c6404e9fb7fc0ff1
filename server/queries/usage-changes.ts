// Reads and prunes the usage change log the triggers append to (db/schema-usage-changes.ts).
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { usageChanges } from '../db/schema.ts';

/** One change: whose usage (null when the device is gone), which app (null: only the upload day), which day. */
export type UsageChange = { personId: number | null; appId: string | null; day: string | null; reset: boolean };

export type ChangesSince =
  /** Every change after the cursor, and the new cursor. */
  | { complete: true; changes: UsageChange[]; cursor: number }
  /** Too many, or some were pruned before this reader saw them: everything must be read again from `cursor`. */
  | { complete: false; cursor: number };

/** The log's last sequence number: a reader that starts from it has seen everything written before. */
export async function usageChangeCursor(db: Db): Promise<number> {
  const [row] = await db.all<{ seq: number | null }>(sql`select seq from sqlite_sequence where name = 'usage_changes'`);
  return row?.seq ?? 0;
}

/** The changes after `cursor`, at most `limit` of them (more is reported as incomplete). */
export async function usageChangesSince(db: Db, cursor: number, limit: number): Promise<ChangesSince> {
  const [row] = await db.all<{ last: number | null; first: number | null; rows: string }>(
    sql`select (select seq from sqlite_sequence where name = 'usage_changes') as last,
          (select min(seq) from usage_changes) as first,
          (select json_group_array(json_array(c.seq, d.person_id, c.app_id, c.day, c.reset)) from (
            select * from usage_changes where seq > ${cursor} order by seq limit ${limit + 1}) c
            left join devices d on d.id = c.device_id) as rows`,
  );
  const last = row?.last ?? 0;
  if (last <= cursor) return { complete: true, changes: [], cursor };
  const pruned = row?.first === null || row?.first === undefined || row.first > cursor + 1;
  const rows = JSON.parse(row?.rows ?? '[]') as [number, number | null, string | null, string | null, number][];
  if (pruned || rows.length > limit) return { complete: false, cursor: last };
  return {
    complete: true,
    changes: rows.map(([, personId, appId, day, reset]) => ({ personId, appId, day, reset: reset === 1 })),
    cursor: Math.max(...rows.map(([seq]) => seq)),
  };
}

/** Drops changes older than `before`; returns how many. */
export async function pruneUsageChanges(db: Db, before: Date): Promise<number> {
  const result = await db.delete(usageChanges).where(lt(usageChanges.at, before));
  return result.rowsAffected;
}
