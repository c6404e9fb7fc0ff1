// Builds the whole reconciliation (every subscription's row, its holders, totals per currency) from plain facts.
import type { CurrencyTotals, HolderStatus, Reconciliation, ReconciliationRow, Subscription } from '../contract.ts';
import { windowStart } from './days.ts';
import {
  classifyHolder,
  inWindow as inWindowOf,
  isActive,
  type SubscriptionTerms,
  subscriptionFigures,
  type WindowRule,
} from './reconciliation.ts';
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

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Reconciliation from plain lists (the table tests' form). */
export function reconcileCompany(facts: CompanyFacts): CompanyReconciliation {
  return reconcileWithUsage(facts, indexUsage(facts));
}

/** Every subscription's figures and holders, from the inventory and the usage index of the same as-of day. */
export function reconcileWithUsage(facts: InventoryFacts, usage: UsageIndex): CompanyReconciliation {
  const { asOf, retainedFrom } = facts;
  const recorded = (day: string | null) => (day !== null && (!retainedFrom || day >= retainedFrom) ? day : null);

  const appOf = new Map(facts.subscriptions.map((sub) => [sub.id, sub.appId]));
  const current = facts.seats.filter((seat) => seat.assignedAt <= asOf && appOf.has(seat.subscriptionId));
  const seatsBySubscription = groupBy(current, (seat) => seat.subscriptionId);
  const holdersByApp = new Map<string, Set<number>>();
  // Per app, each holder's latest vendor last-active day over the app's subscriptions: vendor-reported use.
  const vendorDaysByApp = new Map<string, Map<number, string>>();
  for (const seat of current) {
    const appId = appOf.get(seat.subscriptionId)!;
    if (!holdersByApp.has(appId)) holdersByApp.set(appId, new Set());
    holdersByApp.get(appId)!.add(seat.personId);
    const vendorDay = recorded(seat.vendorLastActiveDay);
    if (vendorDay === null || vendorDay > asOf) continue;
    if (!vendorDaysByApp.has(appId)) vendorDaysByApp.set(appId, new Map());
    const days = vendorDaysByApp.get(appId)!;
    if ((days.get(seat.personId) ?? '') < vendorDay) days.set(seat.personId, vendorDay);
  }
  const siteLicensed = new Set(facts.subscriptions.filter((s) => s.metric === 'site').map((s) => s.appId));
  const holders = new Map<number, HolderResult[]>();
  const appUseByRule = new Map<
    string,
    { activeWithoutSeat: number; use: { activePeople: number; peakDailyActive: number } }
  >();

  const rows: ReconciliationRow[] = facts.subscriptions.map((sub) => {
    const rule: WindowRule = {
      asOf,
      activityWindowDays: sub.activityWindowDays,
      minActiveMinutes: sub.minActiveMinutes,
    };
    const w = usage.windowIndexOf(sub.activityWindowDays) ?? -1;
    const secondsOf = (personId: number) => (w < 0 ? 0 : (usage.pair(personId, sub.appId)?.seconds[w] ?? 0));
    const monitoredFrom = windowStart(asOf, sub.activityWindowDays);

    const results = (seatsBySubscription.get(sub.id) ?? []).map((seat): HolderResult => {
      const pair = usage.pair(seat.personId, sub.appId);
      const activeSecondsInWindow = w < 0 ? 0 : (pair?.seconds[w] ?? 0);
      const first = pair?.firstDay ?? null;
      const status = classifyHolder(
        {
          personStatus: seat.personStatus,
          endDate: seat.endDate,
          assignedAt: seat.assignedAt,
          activeSecondsInWindow,
          firstUseDay: first !== null && first <= asOf ? first : null,
          monitoredInWindow: (usage.lastUploadDay(seat.personId) ?? '') >= monitoredFrom,
          vendorLastActiveDay: recorded(seat.vendorLastActiveDay),
        },
        rule,
      );
      return { seatId: seat.seatId, personId: seat.personId, status, activeSecondsInWindow };
    });
    holders.set(sub.id, results);

    // The app's figures under this rule are the same for each of its subscriptions: reckoned once.
    const appUseKey = `${sub.appId}:${sub.activityWindowDays}:${sub.minActiveMinutes}`;
    let appUse = appUseByRule.get(appUseKey);
    if (!appUse) {
      const seatHolders = holdersByApp.get(sub.appId) ?? new Set<number>();
      // Everyone active on the app, from the index's counts; those among them with a seat are few and counted here.
      const measuredActive = usage.activePeople(sub.appId, sub.activityWindowDays, sub.minActiveMinutes * 60);
      let activeHolders = 0;
      for (const personId of seatHolders) if (isActive(secondsOf(personId), null, rule)) activeHolders += 1;
      // People the vendor saw in the window whom the extension did not measure as active add to the people active.
      let vendorOnlyActive = 0;
      for (const [personId, day] of vendorDaysByApp.get(sub.appId) ?? []) {
        if (inWindowOf(day, rule) && !isActive(secondsOf(personId), null, rule)) vendorOnlyActive += 1;
      }
      appUse = {
        activeWithoutSeat: measuredActive - activeHolders,
        use: {
          activePeople: measuredActive + vendorOnlyActive,
          peakDailyActive: usage.peak(sub.appId, {
            windowDays: sub.activityWindowDays,
            minActiveMinutes: sub.minActiveMinutes,
          }),
        },
      };
      appUseByRule.set(appUseKey, appUse);
    }
    const { activeWithoutSeat, use } = appUse;

    return {
      subscriptionId: sub.id,
      appId: sub.appId,
      appName: sub.appName,
      plan: sub.plan,
      metric: sub.metric,
      currency: sub.currency,
      ...subscriptionFigures(
        sub,
        results.map((r) => r.status),
        activeWithoutSeat,
        siteLicensed.has(sub.appId),
        use,
      ),
    };
  });

  return { asOf, totals: { byCurrency: totalsByCurrency(rows) }, subscriptions: rows, holders };
}

export function totalsByCurrency(rows: readonly ReconciliationRow[]): Record<string, CurrencyTotals> {
  const totals: Record<string, CurrencyTotals> = {};
  for (const row of rows) {
    totals[row.currency] ??= {
      annualCost: 0,
      reclaimableAnnualCost: 0,
      seats: 0,
      assigned: 0,
      active: 0,
      reclaimable: 0,
    };
    const t = totals[row.currency]!;
    t.annualCost += row.annualCost;
    t.reclaimableAnnualCost += row.reclaimableAnnualCost;
    t.seats += row.seats ?? 0;
    t.assigned += row.assigned;
    t.active += row.counts.active;
    t.reclaimable += row.reclaimable;
  }
  return totals;
}
