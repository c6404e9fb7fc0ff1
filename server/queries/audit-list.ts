// Reading the audit trail: filtered by day range, action, actor and subject, newest first, paged.
import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditList } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { addDays, dayToEpochDay } from '../domain/days.ts';

export type AuditFilter = {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
};

const MS_PER_DAY = 86_400_000;

/** The first instant of a day (UTC). */
const startOf = (day: string) => new Date(dayToEpochDay(day) * MS_PER_DAY);

function matching(filter: AuditFilter): SQL | undefined {
  return and(
    filter.from ? gte(auditLog.at, startOf(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, startOf(addDays(filter.to, 1))) : undefined,
    // An action filter ending in ".*" takes the whole family: "seat.*" is seat.create, seat.import, ...
    filter.action?.endsWith('.*')
      ? sql`${auditLog.action} like ${`${filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`
      : filter.action
        ? eq(auditLog.action, filter.action)
        : undefined,
    filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
    filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
    filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
  );
}

type AuditRow = typeof auditLog.$inferSelect;

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor,
  action: row.action,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  before: row.before,
  after: row.after,
});

export async function listAudit(db: Db, filter: AuditFilter & { limit: number; offset: number }): Promise<AuditList> {
  const where = matching(filter);
  // One batch, so the total and the page are read from the same state of the log.
  const [[total], page] = await db.batch([
    db.select({ n: count() }).from(auditLog).where(where),
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(filter.limit).offset(filter.offset),
  ]);
  return { total: total?.n ?? 0, entries: page.map(toEntry) };
}

const EXPORT_PAGE = 5_000;

/** Every matching entry, oldest first, read in pages by id so a long export never holds one huge result. */
export async function* auditEntries(db: Db, filter: AuditFilter): AsyncGenerator<AuditEntry> {
  const where = matching(filter);
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(where, gt(auditLog.id, afterId)))
      .orderBy(asc(auditLog.id))
      .limit(EXPORT_PAGE);
    for (const row of rows) yield toEntry(row);
    if (rows.length < EXPORT_PAGE) return;
    afterId = rows.at(-1)!.id;
  }
}
