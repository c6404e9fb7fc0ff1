// Builds the whole reconciliation (every subscription's row, its holders, totals per currency) from plain facts.
import type { HolderStatus, Reconciliation, ReconciliationRow, Subscription } from '../contract.ts';
import { Reconciler } from './reconciler.ts';
import type { SubscriptionTerms } from './reconciliation.ts';
import { indexUsage, type UsageFacts, type UsageIndex } from './usage-index.ts';

export type SubscriptionFacts = SubscriptionTerms & {
  id: number;
  appId: string;
  appName: string;
  plan: string;
  currency: string;
  activityWindowDays: number;
  minActiveMinutes: number;
};

export type SeatFacts = {
  seatId: number;
  subscriptionId: number;
  personId: number;
  assignedAt: string;
  vendorLastActiveDay: string | null;
  personStatus: 'active' | 'left';
  endDate: string | null;
};

/** The inventory side of reconciliation: what was bought and who holds it. */
export type InventoryFacts = {
  asOf: string;
  /**
   * The first day the retention period keeps (DESIGN section 10); use reported for earlier days, such as an old
   * vendor last-active date, counts as never recorded, like the usage the retention job deleted. Absent: all kept.
   */
  retainedFrom?: string | undefined;
  subscriptions: readonly SubscriptionFacts[];
  seats: readonly SeatFacts[];
};

export type CompanyFacts = InventoryFacts & UsageFacts;

export type HolderResult = { seatId: number; personId: number; status: HolderStatus; activeSecondsInWindow: number };

export type CompanyReconciliation = Reconciliation & { holders: Map<number, HolderResult[]> };

/** A subscription's figures with the terms they were reckoned under (what every report and rule reads). */
export type ReconciledSubscription = ReconciliationRow & { terms: Subscription };

/** Reconciliation from plain lists (the table tests' form). */
export function reconcileCompany(facts: CompanyFacts): CompanyReconciliation {
  return reconcileWithUsage(facts, indexUsage(facts));
}

/** Every subscription's figures and holders, from the inventory and the usage index of the same as-of day. */
export function reconcileWithUsage(facts: InventoryFacts, usage: UsageIndex): CompanyReconciliation {
  return new Reconciler(facts, usage).current()!;
}
