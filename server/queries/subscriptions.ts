// Subscriptions: the purchased licences, with every field of the API contract.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { CreateSubscriptionBody, Subscription } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { seats, subscriptions } from '../db/schema.ts';

type Row = typeof subscriptions.$inferSelect;
type NewSubscription = Omit<
  Required<{ [K in keyof CreateSubscriptionBody]-?: Exclude<CreateSubscriptionBody[K], undefined> }>,
  never
>;

export const toSubscription = (row: Row): Subscription => ({
  id: row.id,
  appId: row.appId,
  plan: row.plan,
  metric: row.metric,
  seats: row.seats,
  unitCost: row.unitCost,
  currency: row.currency,
  billingPeriod: row.billingPeriod,
  startDate: row.startDate,
  renewalDate: row.renewalDate,
  autoRenew: row.autoRenew,
  noticeDays: row.noticeDays,
  ownerEmail: row.ownerEmail,
  department: row.department,
  activityWindowDays: row.activityWindowDays,
  minActiveMinutes: row.minActiveMinutes,
  notes: row.notes,
  contractRef: row.contractRef,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function listSubscriptions(db: Db): Promise<Subscription[]> {
  const rows = await db.select().from(subscriptions).orderBy(asc(subscriptions.id));
  return rows.map(toSubscription);
}

export async function getSubscription(db: Db, id: number): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ? toSubscription(row) : null;
}

/** The id of another subscription with this contract reference, app and plan (the schema's unique key), or null. */
export async function findContractLine(
  db: Db,
  line: { contractRef: string; appId: string; plan: string },
  exceptId?: number,
): Promise<number | null> {
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.contractRef, line.contractRef),
        eq(subscriptions.appId, line.appId),
        eq(subscriptions.plan, line.plan),
        exceptId === undefined ? undefined : ne(subscriptions.id, exceptId),
      ),
    );
  return row?.id ?? null;
}

export async function saveNewSubscription(db: Db, input: NewSubscription, now: Date): Promise<Subscription> {
  const [row] = await db
    .insert(subscriptions)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning();
  return toSubscription(row!);
}

export async function saveSubscriptionChanges(
  db: Db,
  id: number,
  changes: Partial<Omit<Subscription, 'id' | 'createdAt' | 'updatedAt'>>,
  now: Date,
): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({ ...changes, updatedAt: now })
    .where(eq(subscriptions.id, id))
    .returning();
  return row ? toSubscription(row) : null;
}

/** Deletes the subscription with its seats; replies how many seats went with it. */
export async function deleteSubscription(db: Db, id: number): Promise<{ seats: number } | null> {
  return db.transaction(async (tx) => {
    const removedSeats = await tx.delete(seats).where(eq(seats.subscriptionId, id)).returning({ id: seats.id });
    const [row] = await tx.delete(subscriptions).where(eq(subscriptions.id, id)).returning({ id: subscriptions.id });
    if (!row) return null;
    return { seats: removedSeats.length };
  });
}
