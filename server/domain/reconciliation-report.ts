// Builds the whole reconciliation (every subscription's row and the totals per currency) from plain facts.
import type { CurrencyTotals, HolderStatus, Reconciliation, ReconciliationRow } from '../contract.ts';
import {
  classifyHolder,
  isActive,
  subscriptionFigures,
  type SubscriptionTerms,
  type WindowRule,
} from './reconciliation.ts';
import { windowStart } from './days.ts';

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
  /** Active seconds per person, app and day, summed over devices, for the days of the longest window. */
  usage: readonly { personId: number; appId: string; day: string; activeSeconds: number }[];
  /** The last day with use, on or before the as-of day, per person and app. */
  lastUse: readonly { personId: number; appId: string; lastUseDay: string }[];
  /** Days on which some device of the person uploaded, within the longest window. */
  monitoredDays: readonly { personId: number; day: string }[];
};

const key = (personId: number, appId: string) => `${personId}\u0000${appId}`;

function secondsInWindow(facts: CompanyFacts, rule: WindowRule): Map<string, number> {
  const from = windowStart(rule.asOf, rule.activityWindowDays);
  const totals = new Map<string, number>();
  for (const use of facts.usage) {
    if (use.day < from || use.day > rule.asOf) continue;
    const k = key(use.personId, use.appId);
    totals.set(k, (totals.get(k) ?? 0) + use.activeSeconds);
  }
  return totals;
}

export function reconcileCompany(facts: CompanyFacts): Reconciliation {
  const { asOf } = facts;
  const lastUse = new Map(facts.lastUse.map((row) => [key(row.personId, row.appId), row.lastUseDay]));
  const seatHoldersByApp = new Map<string, Set<number>>();
  const appIdOf = new Map(facts.subscriptions.map((sub) => [sub.id, sub.appId]));
  const seatsBySubscription = new Map<number, SeatFacts[]>();
  for (const seat of facts.seats) {
    if (seat.assignedAt > asOf) continue; // not yet assigned on the as-of day
    const appId = appIdOf.get(seat.subscriptionId);
    if (appId === undefined) continue;
    if (!seatHoldersByApp.has(appId)) seatHoldersByApp.set(appId, new Set());
    seatHoldersByApp.get(appId)!.add(seat.personId);
    if (!seatsBySubscription.has(seat.subscriptionId)) seatsBySubscription.set(seat.subscriptionId, []);
    seatsBySubscription.get(seat.subscriptionId)!.push(seat);
  }
  const appsWithSiteLicence = new Set(facts.subscriptions.filter((s) => s.metric === 'site').map((s) => s.appId));

  const rows: ReconciliationRow[] = facts.subscriptions.map((sub) => {
    const rule: WindowRule = { asOf, activityWindowDays: sub.activityWindowDays, minActiveMinutes: sub.minActiveMinutes };
    const seconds = secondsInWindow(facts, rule);
    const from = windowStart(asOf, sub.activityWindowDays);
    const monitored = new Set(facts.monitoredDays.filter((m) => m.day >= from && m.day <= asOf).map((m) => m.personId));

    const statuses: HolderStatus[] = (seatsBySubscription.get(sub.id) ?? []).map((seat) =>
      classifyHolder(
        {
          personStatus: seat.personStatus,
          endDate: seat.endDate,
          assignedAt: seat.assignedAt,
          activeSecondsInWindow: seconds.get(key(seat.personId, sub.appId)) ?? 0,
          lastUseDay: lastUse.get(key(seat.personId, sub.appId)) ?? null,
          monitoredInWindow: monitored.has(seat.personId),
          vendorLastActiveDay: seat.vendorLastActiveDay,
        },
        rule,
      ),
    );

    const holders = seatHoldersByApp.get(sub.appId) ?? new Set<number>();
    let activeWithoutSeat = 0;
    for (const [k, total] of seconds) {
      const [personId, appId] = k.split('\u0000');
      if (appId === sub.appId && !holders.has(Number(personId)) && isActive(total, null, rule)) activeWithoutSeat += 1;
    }

    return {
      subscriptionId: sub.id,
      appId: sub.appId,
      appName: sub.appName,
      plan: sub.plan,
      metric: sub.metric,
      currency: sub.currency,
      ...subscriptionFigures(sub, statuses, activeWithoutSeat, appsWithSiteLicence.has(sub.appId)),
    };
  });

  return { asOf, totals: { byCurrency: totalsByCurrency(rows) }, subscriptions: rows };
}

export function totalsByCurrency(rows: readonly ReconciliationRow[]): Record<string, CurrencyTotals> {
  const totals: Record<string, CurrencyTotals> = {};
  for (const row of rows) {
    const t = (totals[row.currency] ??= {
      annualCost: 0,
      reclaimableAnnualCost: 0,
      seats: 0,
      assigned: 0,
      active: 0,
      reclaimable: 0,
    });
    t.annualCost += row.annualCost;
    t.reclaimableAnnualCost += row.reclaimableAnnualCost;
    t.seats += row.seats ?? 0;
    t.assigned += row.assigned;
    t.active += row.counts.active;
    t.reclaimable += row.reclaimable;
  }
  return totals;
}
