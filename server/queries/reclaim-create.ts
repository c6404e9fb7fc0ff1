// The data of proposing reclaims: the seats IT selected with their holders and terms, and saving the new reclaims
// with their audit entries and queued emails in one transaction.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apps, auditLog, people, reclaims, seats, subscriptions } from '../db/schema.ts';
import { RECLAIM_REQUEST_EVENT } from '../domain/reclaim-link.ts';
import { queueEmail } from './outbox.ts';

/** A seat IT selected, with its holder and the subscription terms a reclaim records. */
export type SeatToReclaim = {
  seatId: number;
  subscriptionId: number;
  personId: number;
  email: string;
  appId: string;
  appName: string;
  plan: string;
  metric: 'named_user' | 'concurrent' | 'site' | 'flat';
  unitCost: number;
  billingPeriod: 'monthly' | 'annual';
  currency: string;
};

export function seatsToReclaim(db: Db, seatIds: readonly number[]): Promise<SeatToReclaim[]> {
  return db
    .select({
      seatId: seats.id,
      subscriptionId: seats.subscriptionId,
      personId: seats.personId,
      email: people.email,
      appId: subscriptions.appId,
      appName: apps.name,
      plan: subscriptions.plan,
      metric: subscriptions.metric,
      unitCost: subscriptions.unitCost,
      billingPeriod: subscriptions.billingPeriod,
      currency: subscriptions.currency,
    })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .innerJoin(subscriptions, eq(subscriptions.id, seats.subscriptionId))
    .innerJoin(apps, eq(apps.id, subscriptions.appId))
    .where(inArray(seats.id, [...seatIds]));
}

export type NewReclaim = {
  seatId: number;
  subscriptionId: number;
  subscriptionName: string;
  personId: number;
  email: string;
  holderStatus: string;
  state: 'open' | 'notified' | 'ready';
  annualSaving: number;
  currency: string;
};

/**
 * Saves the reclaims in one transaction, each with its audit entry and, when its holder is to be asked, the queued
 * keep-or-release email (the outbox writes the link when it sends it). All or nothing; replies the new ids in order.
 */
export async function saveNewReclaims(
  db: Db,
  created: readonly NewReclaim[],
  actor: string,
  now: Date,
  baseUrl: string,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const reclaim of created) {
      // respond_by and notified_at stay empty until the outbox has sent the email: the holder's time starts then.
      const [inserted] = await tx
        .insert(reclaims)
        .values({ ...reclaim, respondBy: null, notifiedAt: null, createdBy: actor, updatedAt: now })
        .returning({ id: reclaims.id });
      const reclaimId = inserted!.id;
      ids.push(reclaimId);
      await tx.insert(auditLog).values({
        actor,
        action: 'reclaim.create',
        subjectType: 'reclaim',
        subjectId: String(reclaimId),
        before: null,
        after: {
          seatId: reclaim.seatId,
          email: reclaim.email,
          subscription: reclaim.subscriptionName,
          holderStatus: reclaim.holderStatus,
          state: reclaim.state,
          askedByEmail: reclaim.state === 'notified',
        },
      });
      if (reclaim.state === 'notified')
        await queueEmail(tx, reclaim.email, RECLAIM_REQUEST_EVENT, { reclaimId, baseUrl }, now.getTime());
    }
    return ids;
  });
}
