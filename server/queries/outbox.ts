// The outbox in the deliveries table: queued in the same batch as the change a notification is about (so a crash
// between the two neither loses nor invents one), read when due, and each attempt's outcome written back.
import type { InStatement } from '@libsql/client';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deliveries, webhooks } from '../db/schema.ts';
import { statementOf } from './statements.ts';

export type Recipients = { webhookIds: number[]; emails: string[] };

/** What a queued notification says on each channel: a webhook's JSON body, an email's parts (or what makes them). */
export type QueuedContent = { webhook: unknown; email: unknown };

export async function enabledWebhookIds(db: Db): Promise<number[]> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(eq(webhooks.enabled, true))
    .orderBy(asc(webhooks.id));
  return rows.map((row) => row.id);
}

/** One delivery per webhook and email recipient, due at `now`. */
export function enqueueStatements(db: Db, recipients: Recipients, event: string, content: QueuedContent, now: number) {
  return [
    ...recipients.webhookIds.map((webhookId) =>
      statementOf(
        db
          .insert(deliveries)
          .values({ channel: 'webhook', webhookId, event, payload: content.webhook, nextAttemptAt: now }),
      ),
    ),
    ...recipients.emails.map((recipient) => enqueueEmailStatement(db, recipient, event, content.email, now)),
  ];
}

/** Queues one email inside a transaction the caller holds (a reclaim's request, with the reclaim). */
export async function queueEmail(
  tx: Pick<Db, 'insert'>,
  recipient: string,
  event: string,
  payload: unknown,
  now: number,
) {
  await tx.insert(deliveries).values({ channel: 'email', recipient, event, payload, nextAttemptAt: now });
}

export function enqueueEmailStatement(db: Db, recipient: string, event: string, payload: unknown, now: number) {
  return statementOf(db.insert(deliveries).values({ channel: 'email', recipient, event, payload, nextAttemptAt: now }));
}

/** A delivery due now, with its webhook's address and sealed secret; `payload` exactly as stored (webhooks sign it). */
export type DueDelivery = {
  id: number;
  channel: 'webhook' | 'email';
  url: string | null;
  sealedSecret: string | null;
  recipient: string | null;
  event: string;
  payload: string;
  attempts: number;
};

export function dueDeliveries(db: Db, at: number, limit: number): Promise<DueDelivery[]> {
  return db
    .select({
      id: deliveries.id,
      channel: deliveries.channel,
      url: webhooks.url,
      sealedSecret: webhooks.secret,
      recipient: deliveries.recipient,
      event: deliveries.event,
      // The stored text, not its parse: a webhook's signature is over these exact bytes.
      payload: sql<string>`${deliveries.payload}`,
      attempts: deliveries.attempts,
    })
    .from(deliveries)
    .leftJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .where(and(eq(deliveries.state, 'pending'), lte(deliveries.nextAttemptAt, at)))
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit);
}

/** `payload`: what the delivery keeps once settled (stored text, as read). */
type Attempt = { id: number; attempts: number; status: number | null; payload: string };

export const deliveredStatement = (db: Db, attempt: Attempt, at: number): InStatement =>
  statementOf(
    db
      .update(deliveries)
      .set({
        state: 'delivered',
        attempts: attempt.attempts,
        lastStatus: attempt.status,
        lastError: null,
        deliveredAt: new Date(at),
        payload: sql`${attempt.payload}`,
      })
      .where(eq(deliveries.id, attempt.id)),
  );

export const failedStatement = (db: Db, attempt: Attempt, error: string | null): InStatement =>
  statementOf(
    db
      .update(deliveries)
      .set({
        state: 'failed',
        attempts: attempt.attempts,
        lastStatus: attempt.status,
        lastError: error,
        payload: sql`${attempt.payload}`,
      })
      .where(eq(deliveries.id, attempt.id)),
  );

export const retryStatement = (
  db: Db,
  attempt: Omit<Attempt, 'payload'>,
  error: string | null,
  nextAttemptAt: number,
): InStatement =>
  statementOf(
    db
      .update(deliveries)
      .set({ attempts: attempt.attempts, lastStatus: attempt.status, lastError: error, nextAttemptAt })
      .where(eq(deliveries.id, attempt.id)),
  );

/** A delivery not worth trying (what it is about is gone or settled): failed with the reason, attempts untouched. */
export async function skipDelivery(db: Db, id: number, reason: string): Promise<void> {
  await db.update(deliveries).set({ state: 'failed', lastError: reason }).where(eq(deliveries.id, id));
}
