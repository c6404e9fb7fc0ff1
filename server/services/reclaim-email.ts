// The keep-or-release email of a reclaim, written when the outbox sends it: the holder's answer deadline and the
// link's expiry count from the moment they are actually asked, and what happened is written back to the reclaim.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { makeReclaimToken, type ReclaimRequestPayload } from '../domain/reclaim-link.ts';
import { type EmailContent, reclaimRequestEmail } from '../notify/messages.ts';
import { getAlertSettings } from '../queries/alert-settings.ts';
import { linkSecret } from '../queries/link-secret.ts';
import { reclaimAskedStatements, reclaimEmailFailedStatements, reclaimForEmail } from '../queries/reclaim-email.ts';

const DAY_MS = 86_400_000;

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
  const reclaim = await reclaimForEmail(db, request.reclaimId);
  if (!reclaim) return { skip: 'not sent: the reclaim no longer exists' };
  if (reclaim.state !== 'notified' || reclaim.notifiedAt !== null)
    return { skip: `not sent: the reclaim is ${reclaim.state} now, nobody waits for this answer` };

  const { reclaimResponseDays } = await getAlertSettings(db);
  const respondBy = addDays(utcDay(now), reclaimResponseDays);
  // The link works until the end of the answer day (UTC).
  const expiresAt = Date.parse(`${respondBy}T00:00:00Z`) + DAY_MS;
  const token = makeReclaimToken(await linkSecret(db), request.reclaimId, expiresAt);
  const link = `${request.baseUrl.replace(/\/$/, '')}/reclaim/${token}`;
  return {
    content: reclaimRequestEmail({ subscriptionName: reclaim.subscriptionName, respondBy, link }),
    sent: reclaimAskedStatements(db, request.reclaimId, respondBy, now),
    failed: (error, final) => reclaimEmailFailedStatements(db, request.reclaimId, error, final, now),
  };
}
