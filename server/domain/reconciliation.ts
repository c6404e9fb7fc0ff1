// Reconciliation (DESIGN section 5): seat-holder statuses and per-subscription figures, pure and clock-free.
import type { BillingPeriod, HolderStatus, Metric, StatusCounts } from '../contract.ts';
import { daysBetween, windowStart } from './days.ts';
import { HOLDER_STATUS, HOLDER_STATUSES } from './holder-status.ts';

export type WindowRule = {
  asOf: string;
  activityWindowDays: number;
  minActiveMinutes: number;
};

/** What is known about one seat holder, for the subscription's app, as of the day. */
export type HolderFacts = {
  personStatus: 'active' | 'left';
  endDate: string | null;
  assignedAt: string;
  /** Active seconds on the app in the window, summed over the person's devices. */
  activeSecondsInWindow: number;
  /**
   * The first day with any recorded use of the app, when it is on or before the as-of day (else null): whether the
   * holder used the app at all by D, which is all the idle / never-used split needs.
   */
  firstUseDay: string | null;
  /** Some device of the person uploaded (even a heartbeat) on a day in the window. */
  monitoredInWindow: boolean;
  /** Last-active day from the vendor's seat export, if known. */
  vendorLastActiveDay: string | null;
};

export function inWindow(day: string, rule: WindowRule): boolean {
  return day >= windowStart(rule.asOf, rule.activityWindowDays) && day <= rule.asOf;
}

export function isActive(activeSeconds: number, vendorLastActiveDay: string | null, rule: WindowRule): boolean {
  const enoughUse = activeSeconds > 0 && activeSeconds >= rule.minActiveMinutes * 60;
  return enoughUse || (vendorLastActiveDay !== null && inWindow(vendorLastActiveDay, rule));
}

const usedBy = (day: string | null, asOf: string) => day !== null && day <= asOf;

/** The first matching rule of the table in DESIGN section 5 gives the status. */
export function classifyHolder(holder: HolderFacts, rule: WindowRule): HolderStatus {
  if (holder.personStatus === 'left' || (holder.endDate !== null && holder.endDate < rule.asOf)) return 'left';
  if (isActive(holder.activeSecondsInWindow, holder.vendorLastActiveDay, rule)) return 'active';
  if (daysBetween(holder.assignedAt, rule.asOf) < rule.activityWindowDays) return 'grace';
  if (!holder.monitoredInWindow && holder.vendorLastActiveDay === null) return 'unmonitored';
  // A vendor's last-active date before the window is use all the same: the holder is idle, not never-used.
  return usedBy(holder.firstUseDay, rule.asOf) || usedBy(holder.vendorLastActiveDay, rule.asOf) ? 'idle' : 'never_used';
}

export type SubscriptionTerms = {
  metric: Metric;
  seats: number | null;
  unitCost: number;
  billingPeriod: BillingPeriod;
};

/** People active on the app in the window, seat or not (DESIGN section 5). */
export type AppUse = {
  /** Distinct people with at least the minimum active time in the window, or a vendor last-active in it. */
  activePeople: number;
  /** The most distinct people active on the app on one day of the window. */
  peakDailyActive: number;
};

export const NO_USE: AppUse = { activePeople: 0, peakDailyActive: 0 };

export type SubscriptionFigures = AppUse & {
  seats: number | null;
  assigned: number;
  counts: StatusCounts;
  unassigned: number | null;
  overAssigned: number;
  activeWithoutSeat: number;
  utilization: number | null;
  reclaimable: number;
  annualCost: number;
  reclaimableAnnualCost: number;
  recommendedSeats: number | null;
  /** Seats the company needs: active + grace + active without a seat; the peak for concurrent; null for site. */
  neededSeats: number | null;
  licencePosition: number | null;
};

export function emptyCounts(): StatusCounts {
  return { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 };
}

export function countStatuses(statuses: readonly HolderStatus[]): StatusCounts {
  const counts = emptyCounts();
  for (const status of statuses) counts[status] += 1;
  return counts;
}

const annualise = (amount: number, period: BillingPeriod) => (period === 'monthly' ? amount * 12 : amount);

export function annualCost(terms: SubscriptionTerms): number {
  const perSeat = terms.metric === 'named_user' || terms.metric === 'concurrent';
  return annualise(perSeat ? (terms.seats ?? 0) * terms.unitCost : terms.unitCost, terms.billingPeriod);
}

/**
 * A concurrent licence is a pool: what matters is how many people used the app at once, measured as the
 * peak of distinct daily users in the window. Anyone may draw from the pool, so nobody is "without a seat";
 * capacity above the peak is reclaimable, and so are leavers' accounts (which cost nothing extra in a pool).
 */
function concurrentFigures(
  terms: SubscriptionTerms & { seats: number },
  counts: StatusCounts,
  assigned: number,
  use: AppUse,
  cost: number,
): SubscriptionFigures {
  const peak = use.peakDailyActive;
  const unusedCapacity = Math.max(0, terms.seats - peak);
  return {
    ...use,
    seats: terms.seats,
    assigned,
    counts,
    unassigned: Math.max(0, terms.seats - assigned),
    overAssigned: Math.max(0, assigned - terms.seats),
    activeWithoutSeat: 0,
    utilization: terms.seats === 0 ? null : peak / terms.seats,
    reclaimable: counts.left + unusedCapacity,
    annualCost: cost,
    reclaimableAnnualCost: annualise(unusedCapacity * terms.unitCost, terms.billingPeriod),
    recommendedSeats: Math.ceil((peak * 110) / 100),
    neededSeats: peak,
    licencePosition: terms.seats - peak,
  };
}

/**
 * Figures for one subscription. `activeWithoutSeat` is the number of people active on the app with no seat
 * on any of its subscriptions; it is forced to 0 when the app has a site licence (everyone is covered).
 */
export function subscriptionFigures(
  terms: SubscriptionTerms,
  statuses: readonly HolderStatus[],
  activeWithoutSeat: number,
  appHasSiteLicence: boolean,
  use: AppUse = NO_USE,
): SubscriptionFigures {
  return figuresOfCounts(terms, countStatuses(statuses), activeWithoutSeat, appHasSiteLicence, use);
}

/** The same figures from the holders' status counts (every holder has one status, so they sum to the assigned). */
export function figuresOfCounts(
  terms: SubscriptionTerms,
  counts: StatusCounts,
  activeWithoutSeat: number,
  appHasSiteLicence: boolean,
  use: AppUse = NO_USE,
): SubscriptionFigures {
  const assigned = HOLDER_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const withoutSeat = appHasSiteLicence ? 0 : activeWithoutSeat;
  const cost = annualCost(terms);

  if (terms.metric === 'site' || terms.seats === null) {
    return {
      ...use,
      seats: null,
      assigned,
      counts,
      unassigned: null,
      overAssigned: 0,
      activeWithoutSeat: withoutSeat,
      utilization: null,
      reclaimable: counts.left,
      annualCost: cost,
      reclaimableAnnualCost: 0,
      recommendedSeats: null,
      neededSeats: null,
      licencePosition: null,
    };
  }

  if (terms.metric === 'concurrent')
    return concurrentFigures({ ...terms, seats: terms.seats }, counts, assigned, use, cost);

  const seats = terms.seats;
  const unassigned = Math.max(0, seats - assigned);
  const reclaimable = HOLDER_STATUSES.reduce(
    (sum, status) => sum + (HOLDER_STATUS[status].reclaimable ? counts[status] : 0),
    unassigned,
  );
  const needed = counts.active + counts.grace + withoutSeat;
  const perSeat = terms.metric !== 'flat';
  return {
    ...use,
    seats,
    assigned,
    counts,
    unassigned,
    overAssigned: Math.max(0, assigned - seats),
    activeWithoutSeat: withoutSeat,
    utilization: seats === 0 ? null : counts.active / seats,
    reclaimable,
    annualCost: cost,
    reclaimableAnnualCost: perSeat ? annualise(reclaimable * terms.unitCost, terms.billingPeriod) : 0,
    // Integer maths first: 10 x 1.1 is 11.000000000000002 in floating point and would add a seat.
    recommendedSeats: Math.ceil((needed * 110) / 100),
    neededSeats: needed,
    licencePosition: seats - needed,
  };
}
