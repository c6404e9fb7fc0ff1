// The audit trail as people read it: a filtered page, newest first, and every matching entry for the CSV export.
import type { AuditEntry } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { type AuditFilter, auditEntries } from '../queries/audit-list.ts';

export { listAudit } from '../queries/audit-list.ts';

/** Every audit entry the filter matches, oldest first. */
export async function auditLogExport(db: Db, filter: AuditFilter): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of auditEntries(db, filter)) entries.push(entry);
  return entries;
}
