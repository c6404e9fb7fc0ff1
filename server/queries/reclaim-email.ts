// What the keep-or-release email of a reclaim writes back: asked from the moment it is sent (with the deadline),
// or returned to IT when it could not be sent. Every write applies only while the reclaim still waits for its email.
import type { InStatement } from '@libsql/client';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { reclaims } from '../db/schema.ts';
import { statementOf } from './statements.ts';

export type ReclaimAwaitingEmail = { state: string; notifiedAt: Date | null; subscriptionName: string };

export async function reclaimForEmail(db: Db, reclaimId: number): Promise<ReclaimAwaitingEmail | null> {
  const [row] = await db
    .select({ state: reclaims.state, notifiedAt: reclaims.notifiedAt, subscriptionName: reclaims.subscriptionName })
    .from(reclaims)
    .where(eq(reclaims.id, reclaimId));
  return row ?? null;
}

const waitingForEmail = (reclaimId: number) =>
  and(eq(reclaims.id, reclaimId), eq(reclaims.state, 'notified'), isNull(reclaims.notifiedAt));

/**
 * An audit entry written only when the statement just before it in the batch changed the reclaim (SQLite's
 * changes()). Raw SQL: drizzle's insert-select needs a table to select from, and this selects only constants.
 */
function auditIfChanged(action: string, reclaimId: number, before: unknown, after: unknown): InStatement {
  return {
    sql:
      'insert into audit_log (actor, action, subject_type, subject_id, before, after) ' +
      `select 'system', ?, 'reclaim', ?, ?, ? where changes() = 1`,
    args: [action, String(reclaimId), JSON.stringify(before), JSON.stringify(after)],
  };
}

/** Written with the delivery once the email went out: the reclaim is asked from now, with its deadline. */
export function reclaimAskedStatements(db: Db, reclaimId: number, respondBy: string, now: Date): InStatement[] {
  return [
    statementOf(
      db
        .update(reclaims)
        .set({ notifiedAt: now, respondBy, emailProblem: null, updatedAt: now })
        .where(waitingForEmail(reclaimId)),
    ),
    auditIfChanged(
      'reclaim.notify',
      reclaimId,
      { notifiedAt: null, respondBy: null },
      { notifiedAt: now.toISOString(), respondBy },
    ),
  ];
}

/** Written with the delivery after a failed try; `final` when no try is left. */
export function reclaimEmailFailedStatements(
  db: Db,
  reclaimId: number,
  error: string,
  final: boolean,
  now: Date,
): InStatement[] {
  if (!final) return [statementOf(db.update(reclaims).set({ emailProblem: error }).where(waitingForEmail(reclaimId)))];
  return [
    // Nobody was asked, so no deadline may run: the reclaim goes back to IT with the reason.
    statementOf(
      db
        .update(reclaims)
        .set({ state: 'open', respondBy: null, emailProblem: error, updatedAt: now })
        .where(waitingForEmail(reclaimId)),
    ),
    auditIfChanged('reclaim.email_failed', reclaimId, { state: 'notified' }, { state: 'open', error }),
  ];
}
