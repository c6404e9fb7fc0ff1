// Seats: who holds a licence of a subscription, since when, and what the vendor says of their activity.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Seat } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { people, seats } from '../db/schema.ts';
import { ensurePerson } from './people.ts';

export async function listSeats(db: Db, subscriptionId: number): Promise<Seat[]> {
  return listSeatsWhere(db, eq(seats.subscriptionId, subscriptionId));
}

async function listSeatsWhere(db: Db, where: SQL | undefined): Promise<Seat[]> {
  const rows = await db
    .select({
      id: seats.id,
      subscriptionId: seats.subscriptionId,
      email: people.email,
      assignedAt: seats.assignedAt,
      source: seats.source,
      vendorLastActiveAt: seats.vendorLastActiveAt,
    })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .where(where)
    .orderBy(asc(people.email));
  return rows;
}

/**
 * Assigns a seat; a person not yet known is created. Null when the person holds a seat on it already (then nothing is
 * written: the new person goes with the transaction).
 */
export async function saveManualSeat(
  db: Db,
  subscriptionId: number,
  email: string,
  assignedAt: string,
): Promise<Seat | null> {
  return db.transaction(async (tx) => {
    const personId = await ensurePerson(tx, email);
    const [row] = await tx
      .insert(seats)
      .values({ subscriptionId, personId, assignedAt, source: 'manual' })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    return {
      id: row.id,
      subscriptionId,
      email,
      assignedAt: row.assignedAt,
      source: row.source,
      vendorLastActiveAt: row.vendorLastActiveAt,
    };
  });
}

export async function getSeat(db: Db, subscriptionId: number, seatId: number): Promise<Seat | null> {
  const rows = await listSeatsWhere(db, and(eq(seats.subscriptionId, subscriptionId), eq(seats.id, seatId)));
  return rows[0] ?? null;
}

export async function deleteSeat(db: Db, subscriptionId: number, seatId: number): Promise<boolean> {
  const removed = await db
    .delete(seats)
    .where(and(eq(seats.subscriptionId, subscriptionId), eq(seats.id, seatId)))
    .returning({ id: seats.id });
  return removed.length > 0;
}
