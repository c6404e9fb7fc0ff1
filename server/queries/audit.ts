// The audit trail: who changed what, when, with the state before and after.
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { changesOffThread, statementOf } from './statements.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

type Writer = Pick<Db, 'insert'>;

const rowOf = (entry: AuditEntry) => ({
  actor: entry.actor,
  action: entry.action,
  subjectType: entry.subjectType,
  subjectId: entry.subjectId == null ? null : String(entry.subjectId),
  before: entry.before ?? null,
  after: entry.after ?? null,
});

export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(rowOf(entry));
}

/**
 * As recordAudit, on the write thread: for a job that has just written much through it (the retention job), so the
 * event loop neither waits for the lock nor runs the checkpoint of a large write-ahead log that its own commit starts.
 */
export async function recordAuditOffThread(db: Db, entry: AuditEntry): Promise<void> {
  const query = db.insert(auditLog).values(rowOf(entry));
  await changesOffThread(db, statementOf(query));
}
