// Apps, subscriptions, seats and seat imports.
import { z } from 'zod';
import { AppId } from './devices.ts';
import { Day, Email, multiLine, oneLine, Timestamp } from './primitives.ts';

export const AppStatus = z.enum(['sanctioned', 'unsanctioned', 'under_review']);
export type AppStatus = z.infer<typeof AppStatus>;
export const App = z.object({
  id: AppId,
  name: z.string(),
  domains: z.array(z.string()),
  category: z.string().nullable(),
  status: AppStatus,
  source: z.enum(['catalog', 'custom']),
  ownerEmail: z.string().nullable(),
});
export type App = z.infer<typeof App>;

/** A hostname suffix the extension matches (`slack.com` matches `acme.slack.com`): no scheme, path or port. */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'must be a host name like "tool.example.com", without scheme, path or port',
  );

const appFields = {
  name: oneLine({ min: 1, max: 100 }),
  domains: z
    .array(Domain)
    .min(1, 'needs at least one domain')
    .max(50)
    .refine((domains) => new Set(domains).size === domains.length, 'lists a domain twice'),
  category: oneLine({ min: 1, max: 60 }).nullable(),
  status: AppStatus,
  ownerEmail: Email.nullable(),
};

export const CreateAppBody = z
  .object({
    id: AppId.optional(),
    ...appFields,
    category: appFields.category.optional(),
    status: appFields.status.default('under_review'),
    ownerEmail: appFields.ownerEmail.optional(),
  })
  .strict();
export type CreateAppBody = z.input<typeof CreateAppBody>;

export const UpdateAppBody = z
  .object(appFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateAppBody = z.infer<typeof UpdateAppBody>;

export const DiscoveredApp = z.object({
  appId: z.string(),
  appName: z.string(),
  status: AppStatus,
  users: z.number().int(),
  departments: z.array(z.string()),
  /** First and last day of use; for an app only paid for (no use seen), of its spend lines. */
  firstSeen: Day,
  lastSeen: Day,
  /** How it was found: used (the extension saw it) and/or paid for (spend lines in the last 365 days). */
  sources: z.array(z.enum(['usage', 'spend'])),
  /** Paid in the last 365 days, per currency (minor units); empty when nothing was paid. */
  annualisedSpend: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
  /** Distinct employees whose expenses or cards paid for it. */
  payers: z.number().int(),
  /** Distinct (payer, month) pairs with a charge: what they paid / seatMonths is the price per seat and month. */
  seatMonths: z.number().int(),
  /** Paid for by two or more people: one subscription would replace their expenses. */
  consolidationCandidate: z.boolean(),
});
export type DiscoveredApp = z.infer<typeof DiscoveredApp>;
/** Shadow IT counts users over the days ending today (the `shadow_it` alert and the Shadow IT page alike). */
export const SHADOW_IT_WINDOW_DAYS = 30;

export const Metric = z.enum(['named_user', 'concurrent', 'site', 'flat']);
export type Metric = z.infer<typeof Metric>;
export const BillingPeriod = z.enum(['monthly', 'annual']);
export type BillingPeriod = z.infer<typeof BillingPeriod>;

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

const subscriptionFields = {
  appId: AppId,
  plan: oneLine({ min: 1, max: 100 }),
  metric: Metric,
  seats: z.number().int().min(0).max(10_000_000).nullable(),
  unitCost: z.number().int().min(0).max(1e12),
  currency: Currency,
  billingPeriod: BillingPeriod,
  startDate: Day.nullable(),
  renewalDate: Day.nullable(),
  autoRenew: z.boolean(),
  noticeDays: z.number().int().min(0).max(365),
  ownerEmail: Email.nullable(),
  department: oneLine({ max: 100 }).nullable(),
  activityWindowDays: z.number().int().min(1).max(365),
  minActiveMinutes: z.number().int().min(0).max(1440),
  notes: multiLine().nullable(),
  /** The contract or purchase-order reference from the procurement register (unique per app and plan). */
  contractRef: oneLine({ min: 1, max: 100 }).nullable(),
};

export const CreateSubscriptionBody = z
  .object({
    ...subscriptionFields,
    seats: subscriptionFields.seats.optional(),
    startDate: subscriptionFields.startDate.optional(),
    renewalDate: subscriptionFields.renewalDate.optional(),
    autoRenew: subscriptionFields.autoRenew.default(false),
    noticeDays: subscriptionFields.noticeDays.default(30),
    ownerEmail: subscriptionFields.ownerEmail.optional(),
    department: subscriptionFields.department.optional(),
    /** Omitted: the default in settings (built in: 30 days, 1 minute). */
    activityWindowDays: subscriptionFields.activityWindowDays.optional(),
    minActiveMinutes: subscriptionFields.minActiveMinutes.optional(),
    notes: subscriptionFields.notes.optional(),
    contractRef: subscriptionFields.contractRef.optional(),
    billingPeriod: subscriptionFields.billingPeriod.default('annual'),
  })
  .strict()
  .superRefine((body, ctx) => {
    const problem = seatCountProblem(body.metric, body.seats);
    if (problem) ctx.addIssue({ code: 'custom', path: ['seats'], message: problem });
  });
export type CreateSubscriptionBody = z.input<typeof CreateSubscriptionBody>;

/** Any subset of the fields; the merged subscription must still be consistent (checked by the route). */
export const UpdateSubscriptionBody = z
  .object(subscriptionFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateSubscriptionBody = z.infer<typeof UpdateSubscriptionBody>;

/** The seat-count rule per metric, shared by create and update. */
export function seatCountProblem(metric: Metric, seats: number | null | undefined): string | null {
  if (metric === 'site' && seats != null) return 'a site licence has no seat count: send null';
  if ((metric === 'named_user' || metric === 'concurrent') && seats == null)
    return `a ${metric} subscription needs a seat count`;
  return null;
}

export const Subscription = z.object({
  id: z.number().int(),
  ...subscriptionFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Subscription = z.infer<typeof Subscription>;

export const AddSeatBody = z.object({ email: Email, assignedAt: Timestamp.optional() }).strict();

export const Seat = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  email: z.string(),
  assignedAt: Day,
  source: z.enum(['manual', 'import']),
  vendorLastActiveAt: z.string().nullable(),
});
export type Seat = z.infer<typeof Seat>;

/** What every CSV import replies, seats or people. */
export const importReplyFields = {
  mode: z.enum(['merge', 'replace']),
  dryRun: z.boolean(),
  rows: z.number().int(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  warnings: z.array(z.string()),
  /** The preview lists at most 500 changes; changesTruncated says when there were more. */
  changesTruncated: z.boolean(),
};

export const SeatImportReply = z.object({
  ...importReplyFields,
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  /** Added holders whose email is not in the people directory yet: the import creates them as people. */
  newPeople: z.number().int(),
  /** The header names the import used. */
  columns: z.object({
    email: z.string(),
    lastActive: z.string().nullable(),
    status: z.array(z.string()),
    assigned: z.string().nullable(),
  }),
  changes: z.array(
    z.object({
      email: z.string(),
      change: z.enum(['add', 'update', 'remove']),
      before: z.object({ vendorLastActiveAt: z.string().nullable() }).optional(),
      after: z
        .object({
          vendorLastActiveAt: z.string().nullable(),
          assignedAt: z.string().optional(),
          newPerson: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
});
export type SeatImportReply = z.infer<typeof SeatImportReply>;
