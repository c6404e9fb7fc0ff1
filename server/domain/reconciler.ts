// Reconciliation kept current: built once from the inventory and a usage index, then brought up to date from the
// index's own record of whose usage changed, by classifying again only those people's seats. A dashboard read while
// devices report then costs what the reports changed plus one pass over the subscriptions, not one over every seat.
// A fresh one is the whole reconciliation (reconcileWithUsage); test/unit/reconciler.test.ts holds the two equal.
import type { CurrencyTotals, ReconciliationRow, StatusCounts } from '../contract.ts';
import { windowStart } from './days.ts';
import { classifyHolder, emptyCounts, figuresOfCounts, inWindow, isActive, type WindowRule } from './reconciliation.ts';
import type {
  CompanyReconciliation,
  HolderResult,
  InventoryFacts,
  SeatFacts,
  SubscriptionFacts,
} from './reconciliation-report.ts';
import type { UsageIndex } from './usage-index.ts';

/** One app's use under one rule (window and minimum minutes): the same for each of the app's subscriptions. */
type AppRuleUse = {
  appId: string;
  rule: WindowRule;
  /** The rule's window among the index's (-1: none, so no measured seconds). */
  window: number;
  /** Everyone holding a seat of the app, on any of its subscriptions. */
  holders: Set<number>;
  /** Per holder, the latest vendor last-active day over the app's seats (recorded, on or before the as-of day). */
  vendorDays: Map<number, string>;
  /** Holders measured active under the rule. */
  activeHolders: Set<number>;
  /** People the vendor saw in the window whom the extension did not measure as active. */
  vendorOnly: Set<number>;
};

type SubscriptionState = {
  subscription: SubscriptionFacts;
  rule: WindowRule;
  monitoredFrom: string;
  seats: SeatFacts[];
  /** `results[i]` is `seats[i]`'s; replaced, never changed in place, once a report has handed it out. */
  results: HolderResult[];
  counts: StatusCounts;
  appUse: AppRuleUse;
};

const secondsOf = (usage: UsageIndex, use: AppRuleUse, personId: number) =>
  use.window < 0 ? 0 : (usage.pair(personId, use.appId)?.seconds[use.window] ?? 0);

function toggle(set: Set<number>, personId: number, member: boolean) {
  if (member) set.add(personId);
  else set.delete(personId);
}

export class Reconciler {
  readonly #facts: InventoryFacts;
  readonly #usage: UsageIndex;
  readonly #states: SubscriptionState[] = [];
  readonly #seatsOf = new Map<number, { state: SubscriptionState; position: number }[]>();
  readonly #appUsesOf = new Map<number, Set<AppRuleUse>>();
  readonly #siteLicensed: Set<string>;
  #generation: number;
  #report: CompanyReconciliation;

  constructor(facts: InventoryFacts, usage: UsageIndex) {
    this.#facts = facts;
    this.#usage = usage;
    this.#generation = usage.generation;
    const { asOf } = facts;
    this.#siteLicensed = new Set(facts.subscriptions.filter((s) => s.metric === 'site').map((s) => s.appId));
    const known = new Map(facts.subscriptions.map((s) => [s.id, s]));
    const seatsOfSubscription = new Map<number, SeatFacts[]>();
    const uses = new Map<string, AppRuleUse>();
    const holdersOfApp = new Map<string, Set<number>>();
    const vendorDaysOfApp = new Map<string, Map<number, string>>();
    for (const seat of facts.seats) {
      const subscription = known.get(seat.subscriptionId);
      if (!subscription || seat.assignedAt > asOf) continue;
      const seats = seatsOfSubscription.get(seat.subscriptionId) ?? [];
      seats.push(seat);
      seatsOfSubscription.set(seat.subscriptionId, seats);
      const holders = holdersOfApp.get(subscription.appId) ?? new Set();
      holders.add(seat.personId);
      holdersOfApp.set(subscription.appId, holders);
      const vendorDay = this.#recorded(seat.vendorLastActiveDay);
      if (vendorDay === null || vendorDay > asOf) continue;
      const days = vendorDaysOfApp.get(subscription.appId) ?? new Map<number, string>();
      if ((days.get(seat.personId) ?? '') < vendorDay) days.set(seat.personId, vendorDay);
      vendorDaysOfApp.set(subscription.appId, days);
    }
    for (const subscription of facts.subscriptions) {
      const rule = {
        asOf,
        activityWindowDays: subscription.activityWindowDays,
        minActiveMinutes: subscription.minActiveMinutes,
      };
      const key = `${subscription.appId}:${rule.activityWindowDays}:${rule.minActiveMinutes}`;
      let appUse = uses.get(key);
      if (!appUse) {
        appUse = {
          appId: subscription.appId,
          rule,
          window: usage.windowIndexOf(rule.activityWindowDays) ?? -1,
          holders: holdersOfApp.get(subscription.appId) ?? new Set(),
          vendorDays: vendorDaysOfApp.get(subscription.appId) ?? new Map(),
          activeHolders: new Set(),
          vendorOnly: new Set(),
        };
        uses.set(key, appUse);
        for (const personId of new Set([...appUse.holders, ...appUse.vendorDays.keys()])) {
          const of = this.#appUsesOf.get(personId) ?? new Set();
          of.add(appUse);
          this.#appUsesOf.set(personId, of);
          this.#place(appUse, personId);
        }
      }
      const seats = seatsOfSubscription.get(subscription.id) ?? [];
      const state: SubscriptionState = {
        subscription,
        rule,
        monitoredFrom: windowStart(asOf, rule.activityWindowDays),
        seats,
        results: [],
        counts: emptyCounts(),
        appUse,
      };
      seats.forEach((seat, position) => {
        const result = this.#classify(state, seat);
        state.results.push(result);
        state.counts[result.status] += 1;
        const of = this.#seatsOf.get(seat.personId) ?? [];
        of.push({ state, position });
        this.#seatsOf.set(seat.personId, of);
      });
      this.#states.push(state);
    }
    this.#report = this.#reckon();
  }

  /** Whether this reconciles exactly these facts (the same inventory read) over this index. */
  isOf(facts: InventoryFacts, usage: UsageIndex): boolean {
    const mine = this.#facts;
    return (
      usage === this.#usage &&
      facts.asOf === mine.asOf &&
      facts.retainedFrom === mine.retainedFrom &&
      facts.subscriptions === mine.subscriptions &&
      facts.seats === mine.seats
    );
  }

  /** The reconciliation as the index stands now; null when it cannot catch up (build a new one then). */
  current(): CompanyReconciliation | null {
    const generation = this.#usage.generation;
    if (generation === this.#generation) return this.#report;
    const people = this.#usage.peopleChangedSince(this.#generation);
    if (people === null) return null;
    const copied = new Set<SubscriptionState>();
    for (const personId of people) {
      for (const { state, position } of this.#seatsOf.get(personId) ?? []) {
        // Reports already handed out keep the lists and counts they were given.
        if (!copied.has(state)) {
          copied.add(state);
          state.results = [...state.results];
          state.counts = { ...state.counts };
        }
        const before = state.results[position]!;
        const after = this.#classify(state, state.seats[position]!);
        state.results[position] = after;
        state.counts[before.status] -= 1;
        state.counts[after.status] += 1;
      }
      for (const use of this.#appUsesOf.get(personId) ?? []) this.#place(use, personId);
    }
    this.#generation = generation;
    this.#report = this.#reckon();
    return this.#report;
  }

  /** A day the retention period keeps, or null (use reported before it counts as never recorded). */
  #recorded(day: string | null): string | null {
    const from = this.#facts.retainedFrom;
    return day !== null && (!from || day >= from) ? day : null;
  }

  #classify(state: SubscriptionState, seat: SeatFacts): HolderResult {
    const { asOf } = this.#facts;
    const pair = this.#usage.pair(seat.personId, state.subscription.appId);
    const window = state.appUse.window;
    const activeSecondsInWindow = window < 0 ? 0 : (pair?.seconds[window] ?? 0);
    const first = pair?.firstDay ?? null;
    const status = classifyHolder(
      {
        personStatus: seat.personStatus,
        endDate: seat.endDate,
        assignedAt: seat.assignedAt,
        activeSecondsInWindow,
        firstUseDay: first !== null && first <= asOf ? first : null,
        monitoredInWindow: (this.#usage.lastUploadDay(seat.personId) ?? '') >= state.monitoredFrom,
        vendorLastActiveDay: this.#recorded(seat.vendorLastActiveDay),
      },
      state.rule,
    );
    return { seatId: seat.seatId, personId: seat.personId, status, activeSecondsInWindow };
  }

  /** Where the person counts in the app's use: an active holder, seen by the vendor only, or neither. */
  #place(use: AppRuleUse, personId: number) {
    const active = isActive(secondsOf(this.#usage, use, personId), null, use.rule);
    toggle(use.activeHolders, personId, active && use.holders.has(personId));
    const vendorDay = use.vendorDays.get(personId);
    toggle(use.vendorOnly, personId, vendorDay !== undefined && inWindow(vendorDay, use.rule) && !active);
  }

  /** Every subscription's figures from the kept counts and the index's per-app figures. */
  #reckon(): CompanyReconciliation {
    const holders = new Map<number, HolderResult[]>();
    const rows = this.#states.map(({ subscription, rule, results, counts, appUse }): ReconciliationRow => {
      holders.set(subscription.id, results);
      // Everyone active on the app, from the index's counts; those among them with a seat are counted here.
      const measuredActive = this.#usage.activePeople(
        subscription.appId,
        rule.activityWindowDays,
        rule.minActiveMinutes * 60,
      );
      const use = {
        activePeople: measuredActive + appUse.vendorOnly.size,
        peakDailyActive: this.#usage.peak(subscription.appId, {
          windowDays: rule.activityWindowDays,
          minActiveMinutes: rule.minActiveMinutes,
        }),
      };
      return {
        subscriptionId: subscription.id,
        appId: subscription.appId,
        appName: subscription.appName,
        plan: subscription.plan,
        metric: subscription.metric,
        currency: subscription.currency,
        ...figuresOfCounts(
          subscription,
          counts,
          measuredActive - appUse.activeHolders.size,
          this.#siteLicensed.has(subscription.appId),
          use,
        ),
      };
    });
    return { asOf: this.#facts.asOf, totals: { byCurrency: totalsByCurrency(rows) }, subscriptions: rows, holders };
  }
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
