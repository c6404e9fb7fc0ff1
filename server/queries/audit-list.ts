// Reading the audit trail: filtered by day range, action, actor and subject, newest first, paged.
import type { InValue } from '@libsql/client';
import type { AuditEntry, AuditList } from '../contract.ts';
import type { Db } from '../db/client.ts';
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

function whereClause(filter: AuditFilter): { sql: string; args: InValue[] } {
  const conditions: string[] = [];
  const args: InValue[] = [];
  if (filter.from) {
    conditions.push('created_at >= ?');
    args.push(dayToEpochDay(filter.from) * MS_PER_DAY);
  }
  if (filter.to) {
    conditions.push('created_at < ?');
    args.push(dayToEpochDay(addDays(filter.to, 1)) * MS_PER_DAY);
  }
  // An action filter ending in ".*" takes the whole family: "seat.*" is seat.create, seat.import, ...
  if (filter.action?.endsWith('.*')) {
    conditions.push("action like ? escape '\\'");
    args.push(`${filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  } else if (filter.action) {
    conditions.push('action = ?');
    args.push(filter.action);
  }
  if (filter.actor) {
    conditions.push('actor = ?');
    args.push(filter.actor);
  }
  if (filter.subjectType) {
    conditions.push('subject_type = ?');
    args.push(filter.subjectType);
  }
  if (filter.subjectId) {
    conditions.push('subject_id = ?');
    args.push(filter.subjectId);
  }
  return { sql: conditions.length ? ` where ${conditions.join(' and ')}` : '', args };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.parse(String(value)));

function toEntry(row: Record<string, unknown>): AuditEntry {
  return {
    id: Number(row.id),
    at: new Date(Number(row.created_at)).toISOString(),
    actor: String(row.actor),
    action: String(row.action),
    subjectType: String(row.subject_type),
    subjectId: row.subject_id === null ? null : String(row.subject_id),
    before: json(row.before),
    after: json(row.after),
  };
}

const COLUMNS = 'id, created_at, actor, action, subject_type, subject_id, before, after';

export async function listAudit(db: Db, filter: AuditFilter & { limit: number; offset: number }): Promise<AuditList> {
  const where = whereClause(filter);
  const [total, page] = await db.$client.batch(
    [
      { sql: `select count(*) as n from audit_log${where.sql}`, args: where.args },
      {
        sql: `select ${COLUMNS} from audit_log${where.sql} order by id desc limit ? offset ?`,
        args: [...where.args, filter.limit, filter.offset],
      },
    ],
    'read',
  );
  return { total: Number(total!.rows[0]!.n), entries: page!.rows.map((row) => toEntry(row)) };
}

const EXPORT_PAGE = 5_000;

/** Every matching entry, oldest first, read in pages by id so a long export never holds one huge result. */
export async function* auditEntries(db: Db, filter: AuditFilter): AsyncGenerator<AuditEntry> {
  const where = whereClause(filter);
  let afterId = 0;
  for (;;) {
    const result = await db.$client.execute({
      sql: `select ${COLUMNS} from audit_log${where.sql ? `${where.sql} and` : ' where'} id > ? order by id limit ?`,
      args: [...where.args, afterId, EXPORT_PAGE],
    });
    for (const row of result.rows) yield toEntry(row);
    if (result.rows.length < EXPORT_PAGE) return;
    afterId = Number(result.rows.at(-1)!.id);
  }
}
