// Offboarding: a leaver's seats on connected subscriptions become ready reclaims by themselves (after an HR import,
// and at each scheduled connector run), and IT revokes all of a person's ready reclaims in one action, each vendor
// call recorded; running it again finds nothing left to do.
import type { RevokeAllReply } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { notFound, SeatwiseError } from '../errors.ts';
import { leaverSeatsOnConnectedSubscriptions, personExists, revocableReclaimIds } from '../queries/offboarding.ts';
import { blockedSeats } from '../queries/reclaims.ts';
import type { ConnectorDeps } from './connector-client.ts';
import { createReclaims, getReclaim, takeReclaimStep } from './reclaims.ts';

/** Proposes (ready at once, nobody emailed) every leaver's seat on a connected subscription not already in one. */
export async function offerLeaverReclaims(deps: ConnectorDeps, actor: string): Promise<number> {
  const today = utcDay(deps.now());
  const seatIds = await leaverSeatsOnConnectedSubscriptions(deps.db, today);
  const blocked = await blockedSeats(deps.db, seatIds, today);
  const free = seatIds.filter((id) => !blocked.has(id));
  let created = 0;
  // One at a time: a seat that cannot be reclaimed (its holder came back) must not hold up the others.
  for (const seatId of free) {
    try {
      created += (await createReclaims(deps, { seatIds: [seatId], notify: false, actor, baseUrl: '' })).length;
    } catch (error) {
      if (!(error instanceof SeatwiseError)) throw error;
    }
  }
  return created;
}

export async function revokeAllForPerson(
  deps: ConnectorDeps,
  personId: number,
  actor: string,
): Promise<RevokeAllReply> {
  if (!(await personExists(deps.db, personId))) throw notFound('The person');
  const reply: RevokeAllReply = { revoked: [], failed: [] };
  for (const id of await revocableReclaimIds(deps.db, personId)) {
    const { subscriptionName } = await getReclaim(deps.db, id);
    try {
      await takeReclaimStep(deps, id, { step: 'revoke', actor });
      reply.revoked.push({ reclaimId: id, subscriptionName });
    } catch (error) {
      if (!(error instanceof SeatwiseError)) throw error;
      reply.failed.push({ reclaimId: id, subscriptionName, code: error.code, message: error.message });
    }
  }
  return reply;
}
