// What on the renewals calendar needs action now: contracts that lapsed and notice deadlines already missed (pure).
import type { ReconciliationRow, Subscription } from '../../../server/contract.ts';
import { noticeDeadline } from '../../../server/domain/renewal-terms.ts';
import { daysUntil } from './format.ts';

/**
 * `lapsed`: the renewal date has passed and the contract does not renew automatically (it ended, or was renewed
 * and its new date never recorded). `notice_passed`: the last day to give notice has passed but the renewal is
 * still ahead, so it renews as it is unless the vendor agrees otherwise.
 */
export type Urgency = 'lapsed' | 'notice_passed';

export type UrgentRenewal = {
  urgency: Urgency;
  subscriptionId: number;
  appName: string;
  plan: string;
  renewalDate: string;
  /** The notice deadline (renewal date minus notice days), null when no notice is needed. */
  noticeDeadline: string | null;
  /** Days since the day that passed: the renewal date when lapsed, the notice deadline otherwise. */
  daysPast: number;
  /** Days until the renewal (negative when lapsed). */
  daysToRenewal: number;
  autoRenew: boolean;
  annualCost: number;
  reclaimableAnnualCost: number;
  currency: string;
};

const RANK: Record<Urgency, number> = { lapsed: 0, notice_passed: 1 };

/**
 * Lapsed contracts first, longest lapsed first; then missed notice deadlines, the soonest renewal first (least time
 * left to negotiate). Ties by subscription id, so the order never jumps between loads.
 */
export function urgentRenewals(
  subscriptions: readonly Subscription[],
  rows: readonly ReconciliationRow[],
  today: string,
): UrgentRenewal[] {
  const rowOf = new Map(rows.map((r) => [r.subscriptionId, r]));
  const urgent: UrgentRenewal[] = [];
  for (const sub of subscriptions) {
    const row = rowOf.get(sub.id);
    if (!sub.renewalDate || !row) continue;
    const deadline = sub.noticeDays > 0 ? noticeDeadline(sub) : null;
    let urgency: Urgency | null = null;
    if (sub.renewalDate < today) urgency = sub.autoRenew ? null : 'lapsed';
    else if (deadline !== null && deadline < today) urgency = 'notice_passed';
    if (!urgency) continue;
    const passed = urgency === 'lapsed' ? sub.renewalDate : deadline!;
    urgent.push({
      urgency,
      subscriptionId: sub.id,
      appName: row.appName,
      plan: sub.plan,
      renewalDate: sub.renewalDate,
      noticeDeadline: deadline,
      daysPast: -daysUntil(passed, today),
      daysToRenewal: daysUntil(sub.renewalDate, today),
      autoRenew: sub.autoRenew,
      annualCost: row.annualCost,
      reclaimableAnnualCost: row.reclaimableAnnualCost,
      currency: sub.currency,
    });
  }
  return urgent.sort(
    (a, b) =>
      RANK[a.urgency] - RANK[b.urgency] ||
      (a.urgency === 'lapsed' ? b.daysPast - a.daysPast : a.daysToRenewal - b.daysToRenewal) ||
      a.subscriptionId - b.subscriptionId,
  );
}
