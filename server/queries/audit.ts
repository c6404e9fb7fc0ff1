// The audit trail: who changed what, when, with the state before and after.
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

type Writer = Pick<Db, 'insert'>;

export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
