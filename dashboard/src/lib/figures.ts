// Figures the overview and renewals derive from the reconciliation and subscriptions (pure, tested by tables).
import type { CurrencyTotals, ReconciliationRow, Subscription } from '../../../server/contract.ts';
import { noticeDeadline } from '../../../server/domain/renewal-terms.ts';
import { daysUntil } from './format.ts';

/** The currency with the largest annual spend: the overview's headline currency. */
export function mainCurrency(byCurrency: Record<string, CurrencyTotals>): string | null {
  const entries = Object.entries(byCurrency).sort((a, b) => b[1].annualCost - a[1].annualCost);
  return entries[0]?.[0] ?? null;
}

/** Seats in use: active holders of named seats, the daily peak of a concurrent pool (DESIGN section 5). */
export const seatsInUse = (row: ReconciliationRow) =>
  row.metric === 'concurrent' ? row.peakDailyActive : row.counts.active;

/** Seats in use over purchased seats, for subscriptions that count seats (site and flat licences do not). */
export function overallUtilization(rows: readonly ReconciliationRow[]): number | null {
  const counted = rows.filter((r) => r.seats !== null && (r.metric === 'named_user' || r.metric === 'concurrent'));
  const seats = counted.reduce((sum, r) => sum + (r.seats ?? 0), 0);
  return seats === 0 ? null : counted.reduce((sum, r) => sum + seatsInUse(r), 0) / seats;
}

export type Exposure = { overAssigned: number; activeWithoutSeat: number; subscriptions: number };

/** Licence compliance: seats handed out beyond what was bought, and people using an app without a seat. */
export function complianceExposure(rows: readonly ReconciliationRow[]): Exposure {
  const overAssigned = rows.reduce((sum, r) => sum + r.overAssigned, 0);
  const activeWithoutSeat = rows.reduce((sum, r) => sum + r.activeWithoutSeat, 0);
  return {
    overAssigned,
    activeWithoutSeat,
    subscriptions: rows.filter((r) => r.overAssigned > 0 || r.activeWithoutSeat > 0).length,
  };
}

/** Annual spend per department in one currency; subscriptions without a department are "Company-wide". */
export function spendByDepartment(
  rows: readonly ReconciliationRow[],
  subscriptions: readonly Subscription[],
  currency: string,
): { department: string; annualCost: number }[] {
  const departmentOf = new Map(subscriptions.map((s) => [s.id, s.department ?? 'Company-wide']));
  const spend = new Map<string, number>();
  for (const row of rows) {
    if (row.currency !== currency) continue;
    const department = departmentOf.get(row.subscriptionId) ?? 'Company-wide';
    spend.set(department, (spend.get(department) ?? 0) + row.annualCost);
  }
  return [...spend]
    .map(([department, annualCost]) => ({ department, annualCost }))
    .sort((a, b) => b.annualCost - a.annualCost);
}

export type RenewalEvent = {
  subscriptionId: number;
  appName: string;
  plan: string;
  kind: 'notice' | 'renewal';
  day: string;
  daysAway: number;
  autoRenew: boolean;
  annualCost: number;
  reclaimableAnnualCost: number;
  currency: string;
};

/**
 * Notice deadlines and renewals from `from` on, soonest first; those already passed are `urgentRenewals`
 * (renewal-urgency.ts).
 */
export function renewalEvents(
  subscriptions: readonly Subscription[],
  rows: readonly ReconciliationRow[],
  from: string,
): RenewalEvent[] {
  const rowOf = new Map(rows.map((r) => [r.subscriptionId, r]));
  const events: RenewalEvent[] = [];
  for (const sub of subscriptions) {
    const row = rowOf.get(sub.id);
    if (!sub.renewalDate || !row) continue;
    const base = {
      subscriptionId: sub.id,
      appName: row.appName,
      plan: sub.plan,
      autoRenew: sub.autoRenew,
      annualCost: row.annualCost,
      reclaimableAnnualCost: row.reclaimableAnnualCost,
      currency: sub.currency,
    };
    if (sub.noticeDays > 0) {
      const day = noticeDeadline(sub)!;
      if (day >= from) events.push({ ...base, kind: 'notice', day, daysAway: daysUntil(day, from) });
    }
    if (sub.renewalDate >= from)
      events.push({ ...base, kind: 'renewal', day: sub.renewalDate, daysAway: daysUntil(sub.renewalDate, from) });
  }
  return events.sort((a, b) => a.day.localeCompare(b.day) || a.subscriptionId - b.subscriptionId);
}
