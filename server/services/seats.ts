// Seats IT assigns and removes by hand (imports are services/seat-import.ts): audited and announced.
import type { Seat } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import { deleteSeat, getSeat, listSeats, saveManualSeat } from '../queries/seats.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { readSubscription } from './subscriptions.ts';

type WriteDeps = { db: Db; jobs?: JobRequests | undefined };

export async function listSubscriptionSeats(db: Db, subscriptionId: number): Promise<Seat[]> {
  await readSubscription(db, subscriptionId);
  return listSeats(db, subscriptionId);
}

/** Gives the person (created if the email is new) a seat assigned on `assignedAt`; one seat per person. */
export async function assignSeat(
  deps: WriteDeps,
  input: { subscriptionId: number; email: string; assignedAt: string },
  actor: string,
): Promise<Seat> {
  const { db } = deps;
  await readSubscription(db, input.subscriptionId);
  const seat = await saveManualSeat(db, input.subscriptionId, input.email, input.assignedAt);
  if (!seat) throw conflict('seat_exists', `${input.email} already holds a seat on this subscription.`);
  await recordAudit(db, { actor, action: 'seat.assign', subjectType: 'seat', subjectId: seat.id, after: seat });
  announceChange(deps, 'seats');
  return seat;
}

/** Removes the seat (after it was removed in the vendor's console); replies with the seat as it was. */
export async function removeSeat(
  deps: WriteDeps,
  subscriptionId: number,
  seatId: number,
  actor: string,
): Promise<Seat> {
  const { db } = deps;
  const seat = await getSeat(db, subscriptionId, seatId);
  if (!seat || !(await deleteSeat(db, subscriptionId, seatId))) throw notFound('The seat');
  await recordAudit(db, { actor, action: 'seat.remove', subjectType: 'seat', subjectId: seatId, before: seat });
  announceChange(deps, 'seats');
  return seat;
}
