// Sends what the outbox holds: due webhook posts (signed) and emails (SMTP), each retried with backoff until it
// goes through or runs out of attempts. Every attempt's outcome is written back, so the delivery log tells all.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { RECLAIM_REQUEST_EVENT, reclaimPayloadOnceSent, reclaimRequestOf } from '../domain/reclaim-link.ts';
import { MAX_ATTEMPTS, retryDelayMs } from '../notify/backoff.ts';
import type { EmailContent } from '../notify/messages.ts';
import type { SendOutcome } from '../notify/outcome.ts';
import { deliverEmail } from '../notify/smtp-transport.ts';
import { postWebhook } from '../notify/webhook-transport.ts';
import { getSmtp } from '../queries/alert-settings.ts';
import { listDeliveries } from '../queries/delivery-log.ts';
import {
  type DueDelivery,
  deliveredStatement,
  dueDeliveries,
  failedStatement,
  retryStatement,
  skipDelivery,
} from '../queries/outbox.ts';
import { writeAtomically } from '../queries/statements.ts';
import { prepareReclaimEmail } from './reclaim-email.ts';

export { listDeliveries };

const BATCH = 50;

export type SendResult = { delivered: number; retrying: number; failed: number };

/** What a delivery's outcome also changes (a reclaim email: the reclaim it asks about), in the same batch. */
type Consequences = { sent: InStatement[]; failed: (error: string, final: boolean) => InStatement[] };
const NO_CONSEQUENCES: Consequences = { sent: [], failed: () => [] };

/** Sends every delivery that is due now; the job runs this on every scheduler tick. */
export async function sendDueDeliveries(db: Db, now: Date, random: () => number = Math.random): Promise<SendResult> {
  const result: SendResult = { delivered: 0, retrying: 0, failed: 0 };
  const at = now.getTime();
  const due = await dueDeliveries(db, at, BATCH);
  if (due.length === 0) return result;
  const smtp = await getSmtp(db);

  async function attempt(
    row: DueDelivery,
  ): Promise<{ outcome: SendOutcome; consequences: Consequences } | { skip: string }> {
    if (row.channel === 'webhook') {
      const secret = row.sealedSecret === null ? '' : db.$secrets.open('webhook.secret', row.sealedSecret);
      const post = { id: row.id, url: row.url ?? '', secret, event: row.event, body: row.payload };
      return { outcome: await postWebhook(post, at), consequences: NO_CONSEQUENCES };
    }
    const request = reclaimRequestOf(row.event, row.payload);
    const prepared = request
      ? await prepareReclaimEmail(db, request, now)
      : { content: JSON.parse(row.payload) as EmailContent, ...NO_CONSEQUENCES };
    if ('skip' in prepared) return prepared;
    const { subject, text, html } = prepared.content;
    return {
      outcome: await deliverEmail(smtp, { to: row.recipient ?? '', subject, text, html }),
      consequences: prepared,
    };
  }

  for (const row of due) {
    const tried = await attempt(row);
    if ('skip' in tried) {
      result.failed += 1;
      await skipDelivery(db, row.id, tried.skip);
      continue;
    }
    const { outcome, consequences } = tried;
    const attempts = row.attempts + 1;
    // What the delivery keeps once it is settled: a reclaim email's row never keeps a working link.
    const payload = row.event === RECLAIM_REQUEST_EVENT ? reclaimPayloadOnceSent(row.payload) : row.payload;
    const settled = { id: row.id, attempts, status: outcome.status, payload };
    const error = outcome.error ?? 'unknown error';
    if (outcome.ok) {
      result.delivered += 1;
      await writeAtomically(db, [deliveredStatement(db, settled, at), ...consequences.sent]);
    } else if (attempts >= MAX_ATTEMPTS || outcome.permanent) {
      result.failed += 1;
      await writeAtomically(db, [failedStatement(db, settled, outcome.error), ...consequences.failed(error, true)]);
    } else {
      result.retrying += 1;
      const next = at + retryDelayMs(attempts, random());
      await writeAtomically(db, [
        retryStatement(db, settled, outcome.error, next),
        ...consequences.failed(error, false),
      ]);
    }
  }
  return result;
}
