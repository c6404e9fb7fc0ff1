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

export type CompanyFacts = {
  asOf: string;
  subscriptions: readonly SubscriptionFacts[];
  seats: readonly SeatFacts[];
  /** Active seconds per person and app in the window of each length used, summed over devices. */
  windowSeconds: ReadonlyMap<number, readonly { personId: number; appId: string; activeSeconds: number }[]>;
  /** The first day with any active time, per person and app. */
  firstUse: readonly { personId: number; appId: string; firstDay: string }[];
  /** The latest day on or before the as-of day on which some device of the person uploaded. */
  lastUploadDay: readonly { personId: number; day: string }[];
  /**
   * Most distinct people active on the app on one day of the window, per app, window length and minimum active
   * minutes (a day counts a person with at least that much time on it, at least one second).
   */
  peakDailyActive: readonly { appId: string; windowDays: number; minActiveMinutes: number; peak: number }[];
};

export type HolderResult = { seatId: number; personId: number; status: HolderStatus; activeSecondsInWindow: number };

export type CompanyReconciliation = Reconciliation & { holders: Map<number, HolderResult[]> };

/** A subscription's figures with the terms they were reckoned under (what every report and rule reads). */
export type ReconciledSubscription = ReconciliationRow & { terms: Subscription };

/** Numbers for apps, so (person, app) keys are numbers: tens of thousands of string keys cost more than the maths. */
function pairKeys() {
  const appNumbers = new Map<string, number>();
  return (personId: number, appId: string) => {
    let appNumber = appNumbers.get(appId);
    if (appNumber === undefined) {
      appNumber = appNumbers.size;
      appNumbers.set(appId, appNumber);
    }
    return personId * 65_536 + appNumber;
  };
}

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

export function reconcileCompany(facts: CompanyFacts): CompanyReconciliation {
  const { asOf } = facts;
  const key = pairKeys();
  const firstUse = new Map(facts.firstUse.map((row) => [key(row.personId, row.appId), row.firstDay]));
  const lastUpload = new Map(facts.lastUploadDay.map((row) => [row.personId, row.day]));
  const seconds = new Map<number, Map<number, number>>();
  const usersByWindowAndApp = new Map<string, { personId: number; activeSeconds: number }[]>();
  for (const [windowDays, rows] of facts.windowSeconds) {
    seconds.set(windowDays, new Map(rows.map((row) => [key(row.personId, row.appId), row.activeSeconds])));
    for (const [appId, users] of groupBy(rows, (row) => row.appId))
      usersByWindowAndApp.set(`${windowDays}:${appId}`, users);
  }
  const peakKey = (appId: string, windowDays: number, minActiveMinutes: number) =>
    `${windowDays}:${minActiveMinutes}:${appId}`;
  const peak = new Map(
    facts.peakDailyActive.map((row) => [peakKey(row.appId, row.windowDays, row.minActiveMinutes), row.peak]),
  );

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
    if (seat.vendorLastActiveDay === null || seat.vendorLastActiveDay > asOf) continue;
    if (!vendorDaysByApp.has(appId)) vendorDaysByApp.set(appId, new Map());
    const days = vendorDaysByApp.get(appId)!;
    if ((days.get(seat.personId) ?? '') < seat.vendorLastActiveDay) days.set(seat.personId, seat.vendorLastActiveDay);
  }
  const siteLicensed = new Set(facts.subscriptions.filter((s) => s.metric === 'site').map((s) => s.appId));
  const holders = new Map<number, HolderResult[]>();

  const rows: ReconciliationRow[] = facts.subscriptions.map((sub) => {
    const rule: WindowRule = {
      asOf,
      activityWindowDays: sub.activityWindowDays,
      minActiveMinutes: sub.minActiveMinutes,
    };
    const inWindow = seconds.get(sub.activityWindowDays) ?? new Map<number, number>();
    const monitoredFrom = windowStart(asOf, sub.activityWindowDays);

    const results = (seatsBySubscription.get(sub.id) ?? []).map((seat): HolderResult => {
      const activeSecondsInWindow = inWindow.get(key(seat.personId, sub.appId)) ?? 0;
      const first = firstUse.get(key(seat.personId, sub.appId));
      const status = classifyHolder(
        {
          personStatus: seat.personStatus,
          endDate: seat.endDate,
          assignedAt: seat.assignedAt,
          activeSecondsInWindow,
          firstUseDay: first !== undefined && first <= asOf ? first : null,
          monitoredInWindow: (lastUpload.get(seat.personId) ?? '') >= monitoredFrom,
          vendorLastActiveDay: seat.vendorLastActiveDay,
        },
        rule,
      );
      return { seatId: seat.seatId, personId: seat.personId, status, activeSecondsInWindow };
    });
    holders.set(sub.id, results);

    const seatHolders = holdersByApp.get(sub.appId) ?? new Set<number>();
    const users = usersByWindowAndApp.get(`${sub.activityWindowDays}:${sub.appId}`) ?? [];
    let activeWithoutSeat = 0;
    let measuredActive = 0;
    for (const u of users) {
      if (!isActive(u.activeSeconds, null, rule)) continue;
      measuredActive += 1;
      if (!seatHolders.has(u.personId)) activeWithoutSeat += 1;
    }
    // People the vendor saw in the window whom the extension did not measure as active add to the people active.
    let vendorOnlyActive = 0;
    for (const [personId, day] of vendorDaysByApp.get(sub.appId) ?? []) {
      if (inWindowOf(day, rule) && !isActive(inWindow.get(key(personId, sub.appId)) ?? 0, null, rule))
        vendorOnlyActive += 1;
    }
    const use = {
      activePeople: measuredActive + vendorOnlyActive,
      peakDailyActive: peak.get(peakKey(sub.appId, sub.activityWindowDays, sub.minActiveMinutes)) ?? 0,
    };

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
