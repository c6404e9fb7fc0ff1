// The retention job (DESIGN section 10): deletes usage, per-day and rollup rows for days before today minus the
// retention period, range by range, and audits each run with counts only (no person is named). Reconciliation's
// cached usage index sees the deletes through the usage change log (a deleted rollup row logs a reset), so no cached
// figure shows a deleted day.
import type { Db } from '../db/client.ts';
import { utcDay } from '../domain/days.ts';
import { retentionCutoff } from '../domain/usage-rules.ts';
import { recordAuditOffThread } from '../queries/audit.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';
import { deleteRangeBefore, RETENTION_TABLES, type RetentionTable, rowidSpan } from '../queries/usage-retention.ts';

/** Rowids per delete: each range is one short write transaction, so uploads wait at most one range for the lock. */
export const RETENTION_RANGE_ROWS = 2_000;

export type RetentionRun = {
  /** The first day kept: rows of earlier days were deleted. */
  cutoff: string;
  retentionDays: number;
  deleted: Record<RetentionTable, number>;
  /** Person-and-app first/last-day rows kept whose first day moved to the first day kept. */
  trimmedFirstDays: number;
};

export async function applyUsageRetention(
  db: Db,
  now: Date,
  { rangeRows = RETENTION_RANGE_ROWS }: { rangeRows?: number } = {},
): Promise<RetentionRun> {
  const { usageRetentionDays } = await getPrivacySettings(db);
  const cutoff = retentionCutoff(utcDay(now), usageRetentionDays);
  const deleted = Object.fromEntries(RETENTION_TABLES.map((table) => [table, 0])) as Record<RetentionTable, number>;
  let trimmedFirstDays = 0;
  for (const table of RETENTION_TABLES) {
    const span = await rowidSpan(db, table);
    if (!span) continue;
    for (let from = span.first; from <= span.last; from += rangeRows) {
      const result = await deleteRangeBefore(db, table, cutoff, from, from + rangeRows - 1);
      deleted[table] += result.deleted;
      trimmedFirstDays += result.trimmed;
    }
  }
  const run: RetentionRun = { cutoff, retentionDays: usageRetentionDays, deleted, trimmedFirstDays };
  await recordAuditOffThread(db, { actor: 'system', action: 'usage.retention', subjectType: 'usage', after: run });
  return run;
}
