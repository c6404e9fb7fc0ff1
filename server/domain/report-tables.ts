// The rows of the CSV reports, from the same figures the API answers; money in major units of each row's currency.
import type { AuditEntry, Holder, PurchaseRecord, ReconciliationRow } from '../contract.ts';
import type { CsvCell } from './csv-write.ts';
import { licencePosition } from './licence-position.ts';
import { formatMinorUnits } from './money.ts';
import type { ReconciledSubscription } from './reconciliation-report.ts';
import { noticeDeadline } from './renewal-terms.ts';

export type Table = { header: string[]; rows: CsvCell[][] };

const percent = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 1000) / 10);

/**
 * A subscription in the licence position report with `paid`: what its app was paid in its currency in the 365 days
 * ending the report's day (an app with two subscriptions in one currency shows the app's payments on both).
 */
export type LicencePositionEntry = ReconciledSubscription & { paid: number };

/** A subscription's purchase records: how many, and the newest (audit preparation). */
export type PurchaseSummary = { count: number; last: PurchaseRecord };

export function licencePositionTable(
  rows: readonly LicencePositionEntry[],
  purchases: ReadonlyMap<number, PurchaseSummary> = new Map(),
): Table {
  return {
    header: [
      'subscription id',
      'app',
      'plan',
      'metric',
      'currency',
      'seats purchased',
      'seats assigned',
      'active',
      'grace',
      'idle',
      'never used',
      'unmonitored',
      'left',
      'unassigned',
      'over assigned',
      'active without seat',
      'utilization %',
      'reclaimable',
      'recommended seats',
      'licence position',
      'annual cost',
      'reclaimable annual cost',
      'billing period',
      'renewal date',
      'notice deadline',
      'auto renew',
      'owner',
      // Added after the first release: at the end, so files read by column position keep working.
      'active people',
      'peak daily active',
      'needed seats',
      'contract position',
      'usage position',
      'contract ref',
      'purchase records',
      'last purchase file',
      'last purchase row',
      'last purchase quantity',
      'last purchase total',
      'last purchase currency',
      'last purchase imported at',
      'paid last 365 days',
      'paid minus annual cost',
    ],
    rows: rows.map((row) => {
      const { terms } = row;
      const position = licencePosition(row);
      const last = purchases.get(row.subscriptionId)?.last ?? null;
      return [
        row.subscriptionId,
        row.appName,
        row.plan,
        row.metric,
        row.currency,
        row.seats,
        row.assigned,
        row.counts.active,
        row.counts.grace,
        row.counts.idle,
        row.counts.never_used,
        row.counts.unmonitored,
        row.counts.left,
        row.unassigned,
        row.overAssigned,
        row.activeWithoutSeat,
        percent(row.utilization),
        row.reclaimable,
        row.recommendedSeats,
        row.licencePosition,
        formatMinorUnits(row.annualCost, row.currency),
        formatMinorUnits(row.reclaimableAnnualCost, row.currency),
        terms.billingPeriod,
        terms.renewalDate,
        noticeDeadline(terms),
        terms.autoRenew,
        terms.ownerEmail,
        row.activePeople,
        row.peakDailyActive,
        row.neededSeats,
        position.contract,
        position.usage,
        terms.contractRef,
        purchases.get(row.subscriptionId)?.count ?? 0,
        last?.fileName ?? null,
        last?.row ?? null,
        last?.quantity ?? null,
        last?.lineTotal != null && last.currency ? formatMinorUnits(last.lineTotal, last.currency) : null,
        last?.currency ?? null,
        last?.importedAt ?? null,
        formatMinorUnits(row.paid, row.currency),
        formatMinorUnits(row.paid - row.annualCost, row.currency),
      ];
    }),
  };
}

/** `lastActiveAt` is the later of the two sources, as in the API; the report also shows each apart. */
export type SeatReportEntry = {
  row: ReconciliationRow;
  holder: Holder & { measuredLastActiveAt: string | null; vendorLastActiveDay: string | null };
};

export function seatTable(entries: readonly SeatReportEntry[]): Table {
  return {
    header: [
      'subscription id',
      'app',
      'plan',
      'seat id',
      'email',
      'name',
      'department',
      'status',
      'assigned at',
      'last active at',
      'extension last active at',
      'vendor last active',
      'active minutes in window',
      'source',
    ],
    rows: entries.map(({ row, holder }) => [
      row.subscriptionId,
      row.appName,
      row.plan,
      holder.seatId,
      holder.email,
      holder.name,
      holder.department,
      holder.status,
      holder.assignedAt,
      holder.lastActiveAt,
      holder.measuredLastActiveAt,
      holder.vendorLastActiveDay,
      Math.floor(holder.activeSeconds / 60),
      holder.source,
    ]),
  };
}

const jsonCell = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export function auditTable(entries: readonly AuditEntry[]): Table {
  return {
    header: ['id', 'at', 'actor', 'action', 'subject type', 'subject id', 'before', 'after'],
    rows: entries.map((e) => [
      e.id,
      e.at,
      e.actor,
      e.action,
      e.subjectType,
      e.subjectId,
      jsonCell(e.before),
      jsonCell(e.after),
    ]),
  };
}
