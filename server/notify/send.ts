// Sends what the outbox holds: due webhook posts (signed) and emails (SMTP), each retried with backoff until it
// goes through or runs out of attempts. Every attempt's outcome is written back, so the delivery log tells all.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { RECLAIM_REQUEST_EVENT, reclaimPayloadOnceSent } from '../domain/reclaim-link.ts';
import type { SmtpConfig } from '../queries/alert-settings.ts';
import { getSmtp } from '../queries/alert-settings.ts';
import { prepareReclaimEmail, reclaimRequestOf } from '../queries/reclaim-email.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';
import type { EmailContent } from './messages.ts';
import { signBody } from './signature.ts';
import { smtpProblem, smtpTransport } from './smtp-transport.ts';

const BATCH = 50;
const WEBHOOK_TIMEOUT_MS = 10_000;

type Due = {
  id: number;
  channel: 'webhook' | 'email';
  url: string | null;
  secret: string | null;
  recipient: string | null;
  event: string;
  payload: string;
  attempts: number;
};
/** `permanent`: trying again cannot help (the mail server refused the recipient). */
type Outcome = { ok: boolean; status: number | null; error: string | null; permanent?: boolean };

async function postWebhook(due: Due, now: number): Promise<Outcome> {
  const body = due.payload;
  const timestamp = Math.floor(now / 1000);
  try {
    const response = await fetch(due.url!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Seatwise-Webhook/1',
        'x-seatwise-event': due.event,
        'x-seatwise-delivery': String(due.id),
        'x-seatwise-timestamp': String(timestamp),
        'x-seatwise-signature': signBody(due.secret!, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      ok: response.ok,
      status: response.status,
      error: response.ok ? null : `the receiver answered ${response.status}`,
    };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function sendEmail(smtp: SmtpConfig | null, due: Due, content: EmailContent): Promise<Outcome> {
  if (!smtp) return { ok: false, status: null, error: 'no SMTP server is configured (Settings > Email)' };
  const transport = smtpTransport(smtp);
  try {
    await transport.sendMail({
      from: smtp.from,
      to: due.recipient!,
      subject: content.subject,
      text: content.text,
      html: content.html,
    });
    return { ok: true, status: null, error: null };
  } catch (error) {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    const permanent = code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
    return { ok: false, status: responseCode ?? null, error: smtpProblem(smtp, error), permanent };
  } finally {
    transport.close();
  }
}

export type SendResult = { delivered: number; retrying: number; failed: number };

/** Sends every delivery that is due now; the job runs this on every scheduler tick. */
export async function sendDueDeliveries(db: Db, now: Date, random: () => number = Math.random): Promise<SendResult> {
  const result: SendResult = { delivered: 0, retrying: 0, failed: 0 };
  const at = now.getTime();
  const due = await db.$client.execute({
    sql: `select d.id, d.channel, w.url, w.secret, d.recipient, d.event, d.payload, d.attempts from deliveries d left join webhooks w on w.id = d.webhook_id
          where d.state = 'pending' and d.next_attempt_at <= ? order by d.next_attempt_at, d.id limit ?`,
    args: [at, BATCH],
  });
  if (due.rows.length === 0) return result;
  const smtp = await getSmtp(db);
  for (const row of due.rows as unknown as Due[]) {
    const attempts = Number(row.attempts) + 1;
    let outcome: Outcome;
    // What the delivery's outcome also changes (a reclaim email: the reclaim it asks about), in the same batch.
    let sent: InStatement[] = [];
    let failed: (error: string, final: boolean) => InStatement[] = () => [];
    // What the delivery keeps once it is settled: a reclaim email's row never keeps a working link.
    const settledPayload = row.event === RECLAIM_REQUEST_EVENT ? reclaimPayloadOnceSent(row.payload) : row.payload;
    if (row.channel === 'webhook')
      outcome = await postWebhook(
        { ...row, secret: row.secret === null ? null : db.$secrets.open('webhook.secret', row.secret) },
        at,
      );
    else {
      const request = reclaimRequestOf(row.event, row.payload);
      const prepared = request
        ? await prepareReclaimEmail(db, request, now)
        : { content: JSON.parse(row.payload) as EmailContent, sent, failed };
      if ('skip' in prepared) {
        result.failed += 1;
        await db.$client.execute({
          sql: `update deliveries set state = 'failed', last_error = ? where id = ?`,
          args: [prepared.skip, row.id],
        });
        continue;
      }
      ({ sent, failed } = prepared);
      outcome = await sendEmail(smtp, row, prepared.content);
    }
    if (outcome.ok) {
      result.delivered += 1;
      await db.$client.batch(
        [
          {
            sql: `update deliveries set state = 'delivered', attempts = ?, last_status = ?, last_error = null, delivered_at = ?, payload = ? where id = ?`,
            args: [attempts, outcome.status, at, settledPayload, row.id],
          },
          ...sent,
        ],
        'write',
      );
    } else if (attempts >= MAX_ATTEMPTS || outcome.permanent) {
      result.failed += 1;
      await db.$client.batch(
        [
          {
            sql: `update deliveries set state = 'failed', attempts = ?, last_status = ?, last_error = ?, payload = ? where id = ?`,
            args: [attempts, outcome.status, outcome.error, settledPayload, row.id],
          },
          ...failed(outcome.error ?? 'unknown error', true),
        ],
        'write',
      );
    } else {
      result.retrying += 1;
      await db.$client.batch(
        [
          {
            sql: `update deliveries set attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? where id = ?`,
            args: [attempts, outcome.status, outcome.error, at + retryDelayMs(attempts, random()), row.id],
          },
          ...failed(outcome.error ?? 'unknown error', false),
        ],
        'write',
      );
    }
  }
  return result;
}
