// The delivery log: every webhook post and email the outbox holds, with its attempts and last error.
import { count, desc, eq } from 'drizzle-orm';
import type { Delivery } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { deliveries, webhooks } from '../db/schema.ts';

export type DeliveryFilter = { state?: Delivery['state'] | undefined; limit: number; offset: number };

/** The delivery log, newest first, with the webhook's name (or that it was deleted) or the email's recipient. */
export async function listDeliveries(
  db: Db,
  filter: DeliveryFilter,
): Promise<{ total: number; deliveries: Delivery[] }> {
  const where = filter.state ? eq(deliveries.state, filter.state) : undefined;
  const [[total], page] = await db.batch([
    db.select({ n: count() }).from(deliveries).where(where),
    db
      .select({ delivery: deliveries, webhookName: webhooks.name })
      .from(deliveries)
      .leftJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
      .where(where)
      .orderBy(desc(deliveries.id))
      .limit(filter.limit)
      .offset(filter.offset),
  ]);
  return {
    total: total?.n ?? 0,
    deliveries: page.map(({ delivery: d, webhookName }) => ({
      id: d.id,
      channel: d.channel,
      target: d.channel === 'email' ? (d.recipient ?? '') : (webhookName ?? 'deleted webhook'),
      event: d.event,
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt: d.state === 'pending' ? new Date(d.nextAttemptAt).toISOString() : null,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt === null ? null : d.deliveredAt.toISOString(),
      createdAt: d.createdAt.toISOString(),
    })),
  };
}
