// The deletes of the retention job: usage, per-day and rollup rows for days before the cut-off, one rowid range at a
// time on the write thread, so no statement holds the lock (or, on a database without a write thread, the event
// loop) for long, and the work per range is bounded whatever the table's size.
import type { Db } from '../db/client.ts';
import { changesOffThread, writeOneOffThread } from './statements.ts';

/**
 * The tables in the order they are swept. Day rollups go before usage_daily, so the delete trigger on usage_daily
 * only corrects the running totals of the days kept (not of rows about to go); the first/last-day rollup goes after
 * it, since its new first day is read from the day rollups kept.
 */
export const RETENTION_TABLES = [
  'person_usage_daily',
  'usage_daily',
  'person_app_usage',
  'device_days',
  'person_days',
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

/** What one range gave: rows deleted, and for person_app_usage the pairs whose first day moved into the period. */
export type RangeResult = { deleted: number; trimmed: number };

/** The table's rowid span (null when empty): ranges are walked from `first` to `last`. */
export async function rowidSpan(db: Db, table: RetentionTable): Promise<{ first: number; last: number } | null> {
  // On the write thread like the deletes: right after a large delete the event loop's own connection would first
  // have to read the pages the other connection changed, and that read alone took 20 ms of the event loop.
  // Two subqueries: SQLite answers a lone min() or max() from the b-tree's edge, but both in one select scan it.
  const [row] = await writeOneOffThread(db, {
    sql: `select (select min(rowid) from ${table}) as first, (select max(rowid) from ${table}) as last`,
    args: [],
  });
  const first = row?.first;
  const last = row?.last;
  return first == null || last == null ? null : { first: Number(first), last: Number(last) };
}

/** Deletes the rows of `table` with rowid in [from, to] whose day is before `cutoff` (YYYY-MM-DD). */
export async function deleteRangeBefore(
  db: Db,
  table: RetentionTable,
  cutoff: string,
  from: number,
  to: number,
): Promise<RangeResult> {
  if (table !== 'person_app_usage') {
    const deleted = await changesOffThread(db, {
      sql: `delete from ${table} where rowid between ? and ? and day < ?`,
      args: [from, to, cutoff],
    });
    return { deleted, trimmed: 0 };
  }
  // A pair used only before the cut-off is gone; one used on both sides now starts at its first kept day with use.
  const deleted = await changesOffThread(db, {
    sql: 'delete from person_app_usage where rowid between ? and ? and last_day < ?',
    args: [from, to, cutoff],
  });
  const trimmed = await changesOffThread(db, {
    sql: `update person_app_usage set first_day = coalesce((
            select min(p.day) from person_usage_daily p
            where p.person_id = person_app_usage.person_id and p.app_id = person_app_usage.app_id
              and p.day >= ?3 and p.active_seconds > 0), last_day)
          where rowid between ?1 and ?2 and first_day < ?3`,
    args: [from, to, cutoff],
  });
  return { deleted, trimmed };
}
