// Saving one step of a reclaim's workflow, with its audit entry and, when revoking, the seat's removal.
import { and, eq } from 'drizzle-orm';
import type { ReclaimState } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { auditLog, reclaims, seats } from '../db/schema.ts';

type Row = typeof reclaims.$inferSelect;

/** What one workflow step writes: the reclaim's new fields, and its audit entry. */
export type StepChange = {
  set: Partial<Pick<Row, 'state' | 'respondedAt' | 'keepReason' | 'keptUntil' | 'revokedAt' | 'vendorProblem'>> & {
    state: ReclaimState;
  };
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  /** Revoking: the seat goes, audited as a seat removal with what it was. */
  removeSeat: { seatId: number; before: unknown } | null;
};

/**
 * Saves a step only while the reclaim is still in the state it was read in, so two people acting at once cannot both
 * succeed: 'stale' (and nothing written) when someone else got there first.
 */
export async function saveReclaimStep(
  db: Db,
  id: number,
  readIn: ReclaimState,
  change: StepChange,
  now: Date,
): Promise<'saved' | 'stale'> {
  return db.transaction(async (tx) => {
    const update = await tx
      .update(reclaims)
      .set({ ...change.set, updatedAt: now })
      .where(and(eq(reclaims.id, id), eq(reclaims.state, readIn)));
    if (update.rowsAffected !== 1) return 'stale';
    if (change.removeSeat) {
      const { seatId, before } = change.removeSeat;
      await tx.delete(seats).where(eq(seats.id, seatId));
      const seatEntry = { actor: change.actor, action: 'seat.remove', subjectType: 'seat' };
      await tx.insert(auditLog).values({ ...seatEntry, subjectId: String(seatId), before, after: null });
    }
    await tx.insert(auditLog).values({
      actor: change.actor,
      action: change.action,
      subjectType: 'reclaim',
      subjectId: String(id),
      before: change.before,
      after: change.after,
    });
    return 'saved';
  });
}
