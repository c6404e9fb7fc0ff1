// The keep-or-release email of a reclaim, written when the outbox sends it: the holder's answer deadline and the
// link's expiry count from the moment they are actually asked, and what happened is written back to the reclaim.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { makeReclaimToken, RECLAIM_REQUEST_EVENT } from '../domain/reclaim-link.ts';
import { type EmailContent, reclaimRequestEmail } from '../notify/messages.ts';
import { getAlertSettings } from './alert-settings.ts';
import { linkSecret } from './link-secret.ts';

export { RECLAIM_REQUEST_EVENT };

const DAY_MS = 86_400_000;

/** What the outbox keeps for a reclaim email until it sends it: which reclaim, and the address links start with. */
export type ReclaimRequestPayload = { reclaimId: number; baseUrl: string };

export function enqueueReclaimRequest(email: string, payload: ReclaimRequestPayload, now: number): InStatement {
  return {
    sql: `insert into deliveries (channel, recipient, event, payload, next_attempt_at) values ('email', ?, ?, ?, ?)`,
    args: [email, RECLAIM_REQUEST_EVENT, JSON.stringify(payload), now],
  };
}

/** The reclaim a queued email is about, or null for any other email (and for reclaim emails queued before this). */
export function reclaimRequestOf(event: string, payload: string): ReclaimRequestPayload | null {
  if (event !== RECLAIM_REQUEST_EVENT) return null;
  const parsed = JSON.parse(payload) as Partial<ReclaimRequestPayload>;
  return typeof parsed.reclaimId === 'number' && typeof parsed.baseUrl === 'string'
    ? { reclaimId: parsed.reclaimId, baseUrl: parsed.baseUrl }
    : null;
}

/** An audit entry written only when the statement just before it in the batch changed the reclaim (SQLite's changes()). */
function auditIfChanged(action: string, reclaimId: number, before: unknown, after: unknown): InStatement {
  return {
    sql: `insert into audit_log (actor, action, subject_type, subject_id, before, after) select 'system', ?, 'reclaim', ?, ?, ? where changes() = 1`,
    args: [action, String(reclaimId), JSON.stringify(before), JSON.stringify(after)],
  };
}

export type PreparedReclaimEmail =
  | { skip: string }
  | {
      content: EmailContent;
      /** Written with the delivery once the email went out: the reclaim is asked from now, with its deadline. */
      sent: InStatement[];
      /** Written with the delivery after a failed try; `final` when no try is left. */
      failed: (error: string, final: boolean) => InStatement[];
    };

/**
 * The email for a reclaim that is still waiting to ask its holder. A reclaim IT has moved on since (marked ready,
 * cancelled, answered) is not emailed: the holder would be asked a question nobody waits for.
 */
export async function prepareReclaimEmail(
  db: Db,
  request: ReclaimRequestPayload,
  now: Date,
): Promise<PreparedReclaimEmail> {
  const found = await db.$client.execute({
    sql: 'select id, state, notified_at, subscription_name from reclaims where id = ?',
    args: [request.reclaimId],
  });
  const reclaim = found.rows[0];
  if (!reclaim) return { skip: 'not sent: the reclaim no longer exists' };
  if (reclaim.state !== 'notified' || reclaim.notified_at !== null)
    return { skip: `not sent: the reclaim is ${String(reclaim.state)} now, nobody waits for this answer` };

  const { reclaimResponseDays } = await getAlertSettings(db);
  const respondBy = addDays(utcDay(now), reclaimResponseDays);
  // The link works until the end of the answer day (UTC).
  const token = makeReclaimToken(
    await linkSecret(db),
    request.reclaimId,
    Date.parse(`${respondBy}T00:00:00Z`) + DAY_MS,
  );
  const link = `${request.baseUrl.replace(/\/$/, '')}/reclaim/${token}`;
  const at = now.getTime();
  const waiting = `where id = ? and state = 'notified' and notified_at is null`;
  return {
    content: reclaimRequestEmail({ subscriptionName: String(reclaim.subscription_name), respondBy, link }),
    sent: [
      {
        sql: `update reclaims set notified_at = ?, respond_by = ?, email_problem = null, updated_at = ? ${waiting}`,
        args: [at, respondBy, at, request.reclaimId],
      },
      auditIfChanged(
        'reclaim.notify',
        request.reclaimId,
        { notifiedAt: null, respondBy: null },
        { notifiedAt: now.toISOString(), respondBy },
      ),
    ],
    failed: (error, final) =>
      final
        ? [
            // Nobody was asked, so no deadline may run: the reclaim goes back to IT with the reason.
            {
              sql: `update reclaims set state = 'open', respond_by = null, email_problem = ?, updated_at = ? ${waiting}`,
              args: [error, at, request.reclaimId],
            },
            auditIfChanged('reclaim.email_failed', request.reclaimId, { state: 'notified' }, { state: 'open', error }),
          ]
        : [{ sql: `update reclaims set email_problem = ? ${waiting}`, args: [error, request.reclaimId] }],
  };
}
