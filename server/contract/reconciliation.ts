// Reconciliation rows, holders and usage reads, and the extension distribution.
import { z } from 'zod';
import { ReclaimState } from './alerts.ts';
import { Metric } from './inventory.ts';
import { Day } from './primitives.ts';

export const HolderStatus = z.enum(['active', 'grace', 'idle', 'never_used', 'unmonitored', 'left']);
export type HolderStatus = z.infer<typeof HolderStatus>;

export const StatusCounts = z.object({
  active: z.number().int(),
  grace: z.number().int(),
  idle: z.number().int(),
  never_used: z.number().int(),
  unmonitored: z.number().int(),
  left: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const ReconciliationRow = z.object({
  subscriptionId: z.number().int(),
  appId: z.string(),
  appName: z.string(),
  plan: z.string(),
  metric: Metric,
  currency: z.string(),
  seats: z.number().int().nullable(),
  assigned: z.number().int(),
  counts: StatusCounts,
  unassigned: z.number().int().nullable(),
  overAssigned: z.number().int(),
  activeWithoutSeat: z.number().int(),
  utilization: z.number().nullable(),
  reclaimable: z.number().int(),
  annualCost: z.number().int(),
  reclaimableAnnualCost: z.number().int(),
  recommendedSeats: z.number().int().nullable(),
  licencePosition: z.number().int().nullable(),
  /** People active on the app in the window, seat or not (at least minActiveMinutes, or a vendor last-active in it). */
  activePeople: z.number().int(),
  /** The most distinct people active on the app on one day of the window (sizes concurrent licences). */
  peakDailyActive: z.number().int(),
  /** active + grace + activeWithoutSeat (concurrent: peakDailyActive); null for site licences. */
  neededSeats: z.number().int().nullable(),
});
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

export const CurrencyTotals = z.object({
  annualCost: z.number().int(),
  reclaimableAnnualCost: z.number().int(),
  seats: z.number().int(),
  assigned: z.number().int(),
  active: z.number().int(),
  reclaimable: z.number().int(),
});
export type CurrencyTotals = z.infer<typeof CurrencyTotals>;

export const Reconciliation = z.object({
  asOf: Day,
  totals: z.object({ byCurrency: z.record(z.string(), CurrencyTotals) }),
  subscriptions: z.array(ReconciliationRow),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const Holder = z.object({
  seatId: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  status: HolderStatus,
  assignedAt: Day,
  /** The later of measured use and the vendor's last-active date. */
  lastActiveAt: z.string().nullable(),
  /** Active seconds in the window, summed over the person's devices. */
  activeSeconds: z.number().int(),
  source: z.enum(['manual', 'import']),
  /**
   * The reclaim that holds this seat back from being proposed again: one in progress, or kept until a day not yet past.
   */
  reclaim: z
    .object({
      id: z.number().int(),
      state: ReclaimState,
      notifiedAt: z.string().nullable(),
      respondBy: z.string().nullable(),
      keptUntil: z.string().nullable(),
    })
    .nullable(),
});
export type Holder = z.infer<typeof Holder>;

export const PersonUsageDay = z.object({
  email: z.string(),
  appId: z.string(),
  day: Day,
  activeSeconds: z.number().int(),
  visits: z.number().int(),
  lastActiveAt: z.string().nullable(),
});
export type PersonUsageDay = z.infer<typeof PersonUsageDay>;

export const SubscriptionReconciliation = ReconciliationRow.extend({
  asOf: Day,
  /** Holders matching the filters, before limit and offset. */
  holdersTotal: z.number().int(),
  holders: z.array(Holder),
});
export type SubscriptionReconciliation = z.infer<typeof SubscriptionReconciliation>;

export const HoldersQuery = z.object({
  asOf: Day.optional(),
  status: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(HolderStatus))
    .optional(),
  search: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  offset: z.coerce.number().int().min(0).default(0),
});

// ---- Extension distribution (GET /api/v1/extension): what the policy text needs to install the extension ----

export const ExtensionDistribution = z.object({
  version: z.string().nullable(),
  /** The id comes from this installation's signing key; null until the server can sign (see problems). */
  chrome: z.object({ extensionId: z.string(), updateUrl: z.string(), crxUrl: z.string() }).nullable(),
  /** `signed`: the .xpi was signed by addons.mozilla.org, which release Firefox requires. */
  firefox: z.object({ extensionId: z.string(), installUrl: z.string(), signed: z.boolean() }),
  problems: z.array(z.string()),
});
export type ExtensionDistribution = z.infer<typeof ExtensionDistribution>;
