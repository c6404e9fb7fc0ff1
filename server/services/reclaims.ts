// The reclaim workflow as IT and the holders live it: propose seats (only idle, never-used and leavers' seats, none
// already in a reclaim or kept; holders still here may be asked by email), take each step, expire unanswered ones.
import type { Reclaim } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { isReclaimableStatus } from '../domain/holder-status.ts';
import { annualSeatSaving, nextState, type ReclaimStep } from '../domain/reclaim-flow.ts';
import { subscriptionName } from '../domain/subscription-name.ts';
import { Conflict, conflict, notFound } from '../errors.ts';
import { getSmtp } from '../queries/alert-settings.ts';
import { type NewReclaim, saveNewReclaims, seatsToReclaim } from '../queries/reclaim-create.ts';
import { type StepChange, saveReclaimStep } from '../queries/reclaim-steps.ts';
import * as stored from '../queries/reclaims.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import type { ConnectorDeps } from './connector-client.ts';
import { deprovisionAtVendor } from './connector-deprovision.ts';
import { readReconciliation } from './reconciliation.ts';

type Deps = ConnectorDeps;

export const listReclaims = (db: Db, filter: stored.ReclaimFilter) => stored.listReclaims(db, filter);

export async function getReclaim(db: Db, id: number): Promise<Reclaim> {
  const reclaim = await stored.getReclaim(db, id);
  if (!reclaim) throw notFound('The reclaim');
  return reclaim;
}

export type CreateReclaimsInput = { seatIds: number[]; notify: boolean; actor: string; baseUrl: string };

/** Each selected seat's holder status today, from the one reconciliation read of each app the seats belong to. */
async function holderStatuses(db: Db, appIds: Iterable<string>, today: string): Promise<Map<number, string>> {
  const statusOf = new Map<number, string>();
  for (const appId of appIds) {
    const report = await readReconciliation(db, today, { appId });
    for (const holders of report.holders.values())
      for (const holder of holders) statusOf.set(holder.seatId, holder.status);
  }
  return statusOf;
}

/** All or nothing: a seat that cannot be reclaimed fails the whole request, naming every such seat. */
export async function createReclaims({ db, now }: Deps, input: CreateReclaimsInput): Promise<Reclaim[]> {
  // Promising an email that cannot be sent would let a deadline run for someone who was never asked.
  if (input.notify && !(await getSmtp(db))) {
    throw new Conflict(
      'email_not_configured',
      'Nothing was created: no email server is set up, so the holders cannot be asked. Reclaim without asking them ' +
        '(notify: false; in the dashboard, untick "Ask the holders by email"), or have an admin set up the SMTP ' +
        'server in Settings > Email first.',
    );
  }
  const at = now();
  const today = utcDay(at);
  const seatIds = [...new Set(input.seatIds)];
  const found = new Map((await seatsToReclaim(db, seatIds)).map((seat) => [seat.seatId, seat]));
  const problems: string[] = seatIds.filter((id) => !found.has(id)).map((id) => `seat ${id} does not exist`);

  const statusOf = await holderStatuses(db, new Set([...found.values()].map((seat) => seat.appId)), today);
  const blocked = await stored.blockedSeats(db, seatIds, today);
  for (const [id, seat] of found) {
    const status = statusOf.get(id) ?? 'not counted yet';
    const block = blocked.get(id);
    if (!isReclaimableStatus(status))
      problems.push(`${seat.email} on ${seat.appName} is ${status.replace('_', ' ')}, not idle, never used or left`);
    else if (block)
      problems.push(
        `${seat.email} on ${seat.appName}: ` +
          (block.state === 'kept' ? `kept until ${block.keptUntil}` : `already being reclaimed (${block.state})`),
      );
  }
  if (problems.length > 0) throw new Conflict('not_reclaimable', `Nothing was created: ${problems.join('; ')}.`);

  const created: NewReclaim[] = [...found.values()].map((seat) => {
    const status = statusOf.get(seat.seatId)!;
    return {
      seatId: seat.seatId,
      subscriptionId: seat.subscriptionId,
      subscriptionName: subscriptionName(seat.appName, seat.plan),
      personId: seat.personId,
      email: seat.email,
      holderStatus: status,
      // People who left are not asked: their seat is ready to remove.
      state: status === 'left' ? 'ready' : input.notify ? 'notified' : 'open',
      annualSaving: annualSeatSaving(seat),
      currency: seat.currency,
    };
  });
  const ids = await saveNewReclaims(db, created, input.actor, at, input.baseUrl);
  return Promise.all(ids.map((id) => getReclaim(db, id)));
}

export type StepRequest = { step: ReclaimStep; actor: string; reason?: string | undefined };

/** One workflow step, audited; keeping blocks the seat for its subscription's activity window. */
export async function takeReclaimStep(deps: Deps, id: number, request: StepRequest): Promise<Reclaim> {
  const { db, now } = deps;
  const before = await getReclaim(db, id);
  const next = nextState(before.state, request.step);
  if ('problem' in next) throw conflict('invalid_step', next.problem);
  const { step, actor, reason } = request;
  // The vendor first: a seat removed here but not there would be paid for and invisible.
  const vendorSaid = step === 'revoke' ? await deprovisionAtVendor(deps, before, actor) : null;
  const at = now();
  const set: StepChange['set'] = { state: next.state };
  if (vendorSaid !== null) set.vendorProblem = null;
  if (step === 'release' || step === 'keep') set.respondedAt = at;
  if (step === 'keep') {
    const terms = before.subscriptionId ? await getSubscription(db, before.subscriptionId) : null;
    set.keepReason = reason ?? null;
    set.keptUntil = addDays(utcDay(at), terms?.activityWindowDays ?? 30);
  }
  if (step === 'revoke') set.revokedAt = at;
  const removeSeat =
    step === 'revoke' && before.seatId !== null
      ? {
          seatId: before.seatId,
          before: { email: before.email, subscription: before.subscriptionName, reclaimId: id },
        }
      : null;
  const saved = await saveReclaimStep(
    db,
    id,
    before.state,
    {
      set,
      actor,
      action: `reclaim.${step}`,
      before: { state: before.state },
      after: {
        state: next.state,
        ...(reason ? { reason } : {}),
        ...(step === 'revoke' ? { annualSaving: before.annualSaving, currency: before.currency } : {}),
        ...(vendorSaid === null ? {} : { vendor: vendorSaid }),
      },
      removeSeat,
    },
    at,
  );
  if (saved === 'stale')
    throw new Conflict('invalid_step', 'Someone else changed this reclaim just now; reload and try again.');
  return getReclaim(db, id);
}

/** Reclaims whose holder did not answer by the deadline become ready to revoke; replies how many. */
export async function expireUnanswered(db: Db, today: string, now: number): Promise<number> {
  const due = await stored.unansweredReclaimIds(db, today);
  const deps = { db, now: () => new Date(now) };
  for (const id of due) await takeReclaimStep(deps, id, { step: 'expire', actor: 'system' });
  return due.length;
}
