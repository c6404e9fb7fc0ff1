// Subscriptions as people change them: new ones start from the settings' defaults, a change must leave the seat count
// consistent with the metric, and every write is audited and announced.
import type { z } from 'zod';
import {
  type CreateSubscriptionBody,
  type Subscription,
  seatCountProblem,
  type UpdateSubscriptionBody,
} from '../contract.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { getApp } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { getDefaults } from '../queries/defaults.ts';
import {
  deleteSubscription,
  findContractLine,
  getSubscription,
  listSubscriptions,
  saveNewSubscription,
  saveSubscriptionChanges,
} from '../queries/subscriptions.ts';
import { announceChange, type JobRequests } from './changes.ts';

type WriteDeps = { db: Db; now: () => Date; jobs?: JobRequests | undefined };

export { listSubscriptions };
/** The subscription, or null: for callers that word "not found" their own way (the CLI). */
export const findSubscription = getSubscription;

export async function readSubscription(db: Db, id: number): Promise<Subscription> {
  const subscription = await getSubscription(db, id);
  if (!subscription) throw notFound('The subscription');
  return subscription;
}

async function requireKnownApp(db: Db, appId: string): Promise<void> {
  if (!(await getApp(db, appId))) throw badRequest('unknown_app', `appId: "${appId}" is not a known app.`);
}

/** A contract reference names one line per app and plan (a re-imported register updates it by that key). */
async function requireFreeContractLine(
  db: Db,
  line: { contractRef?: string | null | undefined; appId: string; plan: string },
  exceptId?: number,
): Promise<void> {
  if (!line.contractRef) return;
  const taken = await findContractLine(db, { ...line, contractRef: line.contractRef }, exceptId);
  if (taken !== null)
    throw conflict(
      'contract_ref_taken',
      `contractRef: subscription ${taken} already has "${line.contractRef}" for this app and plan.`,
    );
}

/** Adds a subscription; the fields left out take the defaults from settings (window, minimum minutes) or null. */
export async function createSubscription(
  deps: WriteDeps,
  body: z.output<typeof CreateSubscriptionBody>,
  actor: string,
): Promise<Subscription> {
  const { db, now } = deps;
  await requireKnownApp(db, body.appId);
  await requireFreeContractLine(db, body);
  const defaults = await getDefaults(db);
  const created = await saveNewSubscription(
    db,
    {
      ...body,
      activityWindowDays: body.activityWindowDays ?? defaults.activityWindowDays,
      minActiveMinutes: body.minActiveMinutes ?? defaults.minActiveMinutes,
      seats: body.seats ?? null,
      startDate: body.startDate ?? null,
      renewalDate: body.renewalDate ?? null,
      ownerEmail: body.ownerEmail ?? null,
      department: body.department ?? null,
      notes: body.notes ?? null,
      contractRef: body.contractRef ?? null,
    },
    now(),
  );
  await recordAudit(db, {
    actor,
    action: 'subscription.create',
    subjectType: 'subscription',
    subjectId: created.id,
    after: created,
  });
  announceChange(deps, 'subscriptions');
  return created;
}

/** Changes some fields; the subscription they leave must still have a seat count its metric allows. */
export async function changeSubscription(
  deps: WriteDeps,
  id: number,
  changes: UpdateSubscriptionBody,
  actor: string,
): Promise<Subscription> {
  const { db, now } = deps;
  const before = await readSubscription(db, id);
  const merged = { ...before, ...changes };
  const problem = seatCountProblem(merged.metric, merged.seats);
  if (problem) throw badRequest('invalid_body', `seats: ${problem}.`);
  if (changes.appId) await requireKnownApp(db, changes.appId);
  await requireFreeContractLine(db, merged, id);
  const after = await saveSubscriptionChanges(db, id, changes, now());
  // Deleted between the read and the write: the same answer as if it had gone before.
  if (!after) throw notFound('The subscription');
  await recordAudit(db, {
    actor,
    action: 'subscription.update',
    subjectType: 'subscription',
    subjectId: id,
    before,
    after,
  });
  announceChange(deps, 'subscriptions');
  return after;
}

/** Deletes the subscription with its seats; says how many seats went with it. */
export async function removeSubscription(
  deps: WriteDeps,
  id: number,
  actor: string,
): Promise<{ deleted: true; seats: number }> {
  const { db } = deps;
  const before = await readSubscription(db, id);
  const deleted = await deleteSubscription(db, id);
  if (!deleted) throw notFound('The subscription');
  await recordAudit(db, {
    actor,
    action: 'subscription.delete',
    subjectType: 'subscription',
    subjectId: id,
    before: { ...before, seatCount: deleted.seats },
  });
  announceChange(deps, 'subscriptions');
  return { deleted: true, seats: deleted.seats };
}
