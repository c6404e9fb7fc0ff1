// Offboarding's data: the seats of people who left on subscriptions with a connector, and one person's open reclaims.
import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people, reclaims, seats } from '../db/schema.ts';
import { connectors } from '../db/schema-connectors.ts';

/** Leavers' seats (status left, or an end date before `today` as reconciliation counts it) on connected plans. */
export async function leaverSeatsOnConnectedSubscriptions(db: Db, today: string): Promise<number[]> {
  const rows = await db
    .select({ seatId: seats.id })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .innerJoin(connectors, eq(connectors.subscriptionId, seats.subscriptionId))
    .where(or(eq(people.status, 'left'), lt(people.endDate, today)));
  return rows.map((r) => r.seatId);
}

/** The person's reclaims that can still be revoked (ready, or released by the holder), oldest first. */
export async function revocableReclaimIds(db: Db, personId: number): Promise<number[]> {
  const rows = await db
    .select({ id: reclaims.id })
    .from(reclaims)
    .where(and(eq(reclaims.personId, personId), inArray(reclaims.state, ['ready', 'released'])))
    .orderBy(reclaims.id);
  return rows.map((r) => r.id);
}

export async function personExists(db: Db, personId: number): Promise<boolean> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return row !== undefined;
}
