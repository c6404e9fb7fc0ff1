// Sends what the outbox holds: due webhook posts (signed) and emails (SMTP), each retried with backoff until it
// goes through or runs out of attempts. Every attempt's outcome is written back, so the delivery log tells all.
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import type { SmtpConfig } from '../queries/alert-settings.ts';
import { getSmtp } from '../queries/alert-settings.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';
import type { EmailContent } from './messages.ts';
import { signBody } from './signature.ts';

const BATCH = 50;
const WEBHOOK_TIMEOUT_MS = 10_000;

type Due = { id: number; channel: 'webhook' | 'email'; url: string | null; secret: string | null; recipient: string | null; event: string; payload: string; attempts: number };

async function postWebhook(due: Due, now: number): Promise<{ ok: boolean; status: number | null; error: string | null }> {
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
    return { ok: response.ok, status: response.status, error: response.ok ? null : `the receiver answered ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function sendEmail(smtp: SmtpConfig | null, due: Due): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  if (!smtp) return { ok: false, status: null, error: 'no SMTP server is configured (Settings > Email)' };
  const content = JSON.parse(due.payload) as EmailContent;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: smtp.from, to: due.recipient!, subject: content.subject, text: content.text, html: content.html });
    return { ok: true, status: null, error: null };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
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
    const outcome = row.channel === 'webhook' ? await postWebhook(row, at) : await sendEmail(smtp, row);
    const attempts = Number(row.attempts) + 1;
    if (outcome.ok) {
      result.delivered += 1;
      await db.$client.execute({ sql: `update deliveries set state = 'delivered', attempts = ?, last_status = ?, last_error = null, delivered_at = ? where id = ?`, args: [attempts, outcome.status, at, row.id] });
    } else if (attempts >= MAX_ATTEMPTS) {
      result.failed += 1;
      await db.$client.execute({ sql: `update deliveries set state = 'failed', attempts = ?, last_status = ?, last_error = ? where id = ?`, args: [attempts, outcome.status, outcome.error, row.id] });
    } else {
      result.retrying += 1;
      await db.$client.execute({
        sql: `update deliveries set attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? where id = ?`,
        args: [attempts, outcome.status, outcome.error, at + retryDelayMs(attempts, random()), row.id],
      });
    }
  }
  return result;
}
