// The one reconciliation read: each subscription's figures already joined with its terms (renewal, notice, owner,
// window), so no caller joins them again. Every report, alert, reclaim and savings figure starts here.
import type { ReconciliationRow } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Reconciler } from '../domain/reconciler.ts';
import {
  type CompanyReconciliation,
  type HolderResult,
  type InventoryFacts,
  type ReconciledSubscription,
  reconcileWithUsage,
} from '../domain/reconciliation-report.ts';
import type { UsageIndex } from '../domain/usage-index.ts';
import { retentionCutoff } from '../domain/usage-rules.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';
import type { ReconciliationScope } from '../queries/reconciliation-facts.ts';
import { currentInventory } from './inventory-cache.ts';
import { withUsageIndex } from './usage-index-cache.ts';

export type { ReconciledSubscription, ReconciliationScope };
export type ReconciliationRead = Omit<CompanyReconciliation, 'subscriptions'> & {
  subscriptions: ReconciledSubscription[];
};

/** Scopes (the company, one app) kept current per usage index: the company and the apps a user is looking at. */
const SCOPES_KEPT = 8;
const reconcilersByIndex = new WeakMap<UsageIndex, Map<string, Reconciler>>();

/**
 * The scope's reconciliation over the index, brought up to date from the last one of the same inventory read, so
 * a read while devices report classifies again only the people who reported. Runs inside the index's turn.
 */
function reconcileKept(facts: InventoryFacts, usage: UsageIndex, scopeKey: string): CompanyReconciliation {
  let kept = reconcilersByIndex.get(usage);
  if (!kept) {
    kept = new Map();
    reconcilersByIndex.set(usage, kept);
  }
  const reconciler = kept.get(scopeKey);
  const caughtUp = reconciler?.isOf(facts, usage) ? reconciler.current() : null;
  if (caughtUp) return caughtUp;
  const fresh = new Reconciler(facts, usage);
  kept.delete(scopeKey);
  kept.set(scopeKey, fresh);
  while (kept.size > SCOPES_KEPT) kept.delete(kept.keys().next().value!);
  return fresh.current()!;
}

/** Every subscription, or those of one app, reconciled as of `asOf` (a day, YYYY-MM-DD). */
export async function readReconciliation(
  db: Db,
  asOf: string,
  scope: ReconciliationScope = {},
): Promise<ReconciliationRead> {
  const { subscriptions: scoped, seats, holders, company, terms } = await currentInventory(db, scope);
  const { usageRetentionDays } = await getPrivacySettings(db);
  const retainedFrom = retentionCutoff(asOf, usageRetentionDays);
  // The index covers every subscription's windows whatever the scope, so one app's page shares the company's.
  const report = await withUsageIndex(db, asOf, company, holders, (usage) =>
    reconcileKept({ asOf, retainedFrom, subscriptions: scoped, seats }, usage, scope.appId ?? ''),
  );
  const termsById = new Map(terms.map((subscription) => [subscription.id, subscription]));
  const subscriptions: ReconciledSubscription[] = [];
  // A subscription deleted between the two reads has figures but no terms: it is gone, so it is left out.
  for (const row of report.subscriptions) {
    const subscription = termsById.get(row.subscriptionId);
    if (subscription) subscriptions.push({ ...row, terms: subscription });
  }
  return { ...report, subscriptions };
}

export type PersonSeatStatus = HolderResult & { activityWindowDays: number };

/**
 * One person's seats as of `asOf`, classified by the same rules on the same cached facts as the company's read, but
 * reconciling only their seats (a holder's status depends on nothing else): what a device may ask on every popup.
 */
export async function readPersonSeatStatuses(db: Db, asOf: string, personId: number): Promise<PersonSeatStatus[]> {
  const { subscriptions, seats, holders, company } = await currentInventory(db, {});
  const theirs = seats.filter((seat) => seat.personId === personId);
  if (theirs.length === 0) return [];
  const held = new Set(theirs.map((seat) => seat.subscriptionId));
  const theirSubscriptions = subscriptions.filter((subscription) => held.has(subscription.id));
  const report = await withUsageIndex(db, asOf, company, holders, (usage) =>
    reconcileWithUsage({ asOf, subscriptions: theirSubscriptions, seats: theirs }, usage),
  );
  const windowOf = new Map(
    theirSubscriptions.map((subscription) => [subscription.id, subscription.activityWindowDays]),
  );
  return [...report.holders].flatMap(([subscriptionId, results]) =>
    results.map((result) => ({ ...result, activityWindowDays: windowOf.get(subscriptionId)! })),
  );
}

/** The reply shape of GET /reconciliation: the figures without the terms or the per-holder detail. */
export const withoutTerms = ({ terms: _terms, ...row }: ReconciledSubscription): ReconciliationRow => row;
