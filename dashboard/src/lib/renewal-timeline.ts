// The renewals timeline's months: the events of each month in order, and the annual money renewing in it.
import type { RenewalEvent } from './figures.ts';

/** Months (`YYYY-MM`) in the order their first event comes, each with its events in the order given. */
export function byMonth<E extends Pick<RenewalEvent, 'day'>>(events: readonly E[]): [string, E[]][] {
  const months = new Map<string, E[]>();
  for (const event of events) {
    const key = event.day.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), event]);
  }
  return [...months];
}

/** The annual cost of the month's renewals per currency (notice deadlines cost nothing); never added across. */
export function renewingByCurrency(
  events: readonly Pick<RenewalEvent, 'kind' | 'currency' | 'annualCost'>[],
): [string, number][] {
  const sums = new Map<string, number>();
  for (const e of events) if (e.kind === 'renewal') sums.set(e.currency, (sums.get(e.currency) ?? 0) + e.annualCost);
  return [...sums];
}
