// The wire contract of the public API v1: zod schemas and their types, shared with the extension and dashboard.
import { z } from 'zod';
import { NAME_MAX, NOTE_MAX, textProblem } from './domain/text-rules.ts';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 is rejected). */
export const Day = z
  .string()
  .regex(DAY_PATTERN, 'must be a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, 'must be a real calendar day');
export type Day = z.infer<typeof Day>;

/** An ISO 8601 timestamp with a zone, or (for inputs named ...At) a bare day. */
export const Timestamp = z.union([z.iso.datetime({ offset: true }), Day]);

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .transform((email) => email.toLowerCase());

/** A one-line text field (a name, plan, label, department): trimmed, no control characters or direction overrides. */
export const oneLine = ({ min = 0, max = NAME_MAX }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, 'one_line', max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A multi-line text field (notes, reasons): tabs and line breaks allowed, other control characters not. */
export const multiLine = ({ min = 0, max = NOTE_MAX }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .min(min, 'must not be empty')
    .superRefine((value, ctx) => {
      const problem = textProblem(value, 'multi_line', max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const Role = z.enum(['admin', 'it', 'finance', 'viewer']);
export type Role = z.infer<typeof Role>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- people auth ----

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({ id: z.number().int(), email: z.string(), role: Role });
export type Me = z.infer<typeof Me>;
/** GET /session: who is signed in, or null; never 401, so a first visit logs no failed request. */
export const SessionReply = z.object({ user: Me.nullable() });
export type SessionReply = z.infer<typeof SessionReply>;

export const CreateApiTokenBody = z.object({
  name: oneLine({ min: 1, max: 100 }),
  role: Role,
});
export const TokenReply = z.object({ token: z.string() });
export type TokenReply = z.infer<typeof TokenReply>;

export const CreateEnrollmentTokenBody = z.object({
  label: oneLine({ max: 100 }).optional(),
  /** After this the token enrolls nothing (401 enrollment_token_expired); a bare day means the end of that day, UTC. */
  expiresAt: Timestamp.optional(),
  /** How many devices it may ever enroll; the next answers 409 enrollment_token_used_up. */
  maxDevices: z.number().int().min(1).max(1_000_000).optional(),
});

export const MIN_PASSWORD_LENGTH = 12;
const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  role: Role,
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({ email: Email, role: Role, password: Password }).strict();
export const UpdateUserBody = z
  .object({ role: Role, disabled: z.boolean(), password: Password })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ApiTokenInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  /** The email of the user who made it; null when it was made with the command line. */
  createdBy: z.string().nullable(),
  /** The role it acts with now: at most its maker's current role; null when it no longer works (revoked, maker disabled). */
  actsAs: Role.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

export const EnrollmentTokenInfo = z.object({
  id: z.number().int(),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  maxDevices: z.number().int().nullable(),
  /** Devices enrolled with it so far (revoked ones included: they count towards maxDevices). */
  devicesEnrolled: z.number().int(),
  /** Of those, the devices not revoked. */
  devicesLive: z.number().int(),
});
export type EnrollmentTokenInfo = z.infer<typeof EnrollmentTokenInfo>;

export const RevokeEnrollmentTokenQuery = z.object({
  /** Also revoke every device enrolled with the token (their next upload answers 401). */
  revokeDevices: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});
export const RevokeEnrollmentTokenReply = z.object({ devicesRevoked: z.number().int() });
export type RevokeEnrollmentTokenReply = z.infer<typeof RevokeEnrollmentTokenReply>;

/** A domain as people type it after the @: lower-cased, letters, digits, hyphens and dots, at least one dot. */
const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'must be a domain such as acme.com (no @, no spaces)');

/** Who may enroll a browser (DESIGN section 3); `requireSso` joins it with single sign-on (section 9). */
export const EnrollmentSettings = z.object({
  /** Emails must end in one of these (subdomains included); empty: any domain. */
  allowedEmailDomains: z.array(EmailDomain),
  /** Only people already in the directory (not merely created by an earlier enrollment) may enroll. */
  knownPeopleOnly: z.boolean(),
});
export type EnrollmentSettings = z.infer<typeof EnrollmentSettings>;
export const UpdateEnrollmentSettingsBody = z
  .object({ allowedEmailDomains: z.array(EmailDomain).max(100), knownPeopleOnly: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');

// ---- devices (the extension) ----

export const Browser = z.enum(['chrome', 'edge', 'firefox', 'other']);
export type Browser = z.infer<typeof Browser>;

export const EnrollBody = z.object({
  enrollmentToken: z.string().min(1).max(200),
  email: Email,
  browser: Browser,
  extensionVersion: oneLine({ min: 1, max: 40 }),
});
export type EnrollBody = z.infer<typeof EnrollBody>;

export const EnrollReply = z.object({ deviceId: z.string(), deviceToken: z.string() });
export type EnrollReply = z.infer<typeof EnrollReply>;

export const DeviceInfo = z.object({
  id: z.string(),
  email: z.string(),
  browser: Browser,
  extensionVersion: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DeviceList = z.object({ total: z.number().int(), devices: z.array(DeviceInfo) });
export type DeviceList = z.infer<typeof DeviceList>;

export const AppId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lower-case slug like "slack"');

export const CatalogApp = z.object({
  id: AppId,
  name: z.string(),
  domains: z.array(z.string()),
});
export type CatalogApp = z.infer<typeof CatalogApp>;

export const Catalog = z.object({ version: z.string(), apps: z.array(CatalogApp) });
export type Catalog = z.infer<typeof Catalog>;

export const MAX_USAGE_RECORDS = 1000;
export const SECONDS_PER_DAY = 86_400;

export const UsageRecord = z.object({
  appId: AppId,
  day: Day,
  activeSeconds: z.number().int().min(0).max(SECONDS_PER_DAY),
  visits: z.number().int().min(0).max(1_000_000),
  lastActiveAt: z.iso.datetime({ offset: true }).nullable(),
}).refine((record) => record.lastActiveAt === null || lastActiveFitsDay(record.lastActiveAt, record.day), {
  path: ['lastActiveAt'],
  message: "must fall on the record's day in some time zone (UTC-12 to UTC+14)",
});
export type UsageRecord = z.infer<typeof UsageRecord>;

/** A moment lies on a local calendar day somewhere when it is between that day's start at UTC+14 and its end at UTC-12. */
export function lastActiveFitsDay(lastActiveAt: string, day: string): boolean {
  const at = Date.parse(lastActiveAt);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  return at >= dayStart - 14 * 3_600_000 && at < dayStart + (24 + 12) * 3_600_000;
}

export const UsageUpload = z.object({
  records: z
    .array(UsageRecord)
    .max(MAX_USAGE_RECORDS, `at most ${MAX_USAGE_RECORDS} records per upload; send the rest in another request`),
});
export type UsageUpload = z.infer<typeof UsageUpload>;

export const UsageReply = z.object({ accepted: z.number().int() });
export type UsageReply = z.infer<typeof UsageReply>;

// ---- inventory ----

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
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'must be a host name like "tool.example.com", without scheme, path or port');

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
  firstSeen: Day,
  lastSeen: Day,
});
export type DiscoveredApp = z.infer<typeof DiscoveredApp>;
/** Shadow IT counts users over the days ending today (the `shadow_it` alert and the Shadow IT page alike). */
export const SHADOW_IT_WINDOW_DAYS = 30;

export const Metric = z.enum(['named_user', 'concurrent', 'site', 'flat']);
export type Metric = z.infer<typeof Metric>;
export const BillingPeriod = z.enum(['monthly', 'annual']);
export type BillingPeriod = z.infer<typeof BillingPeriod>;

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

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
  if ((metric === 'named_user' || metric === 'concurrent') && seats == null) return `a ${metric} subscription needs a seat count`;
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
const importReplyFields = {
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
  columns: z.object({ email: z.string(), lastActive: z.string().nullable(), status: z.array(z.string()), assigned: z.string().nullable() }),
  changes: z.array(
    z.object({
      email: z.string(),
      change: z.enum(['add', 'update', 'remove']),
      before: z.object({ vendorLastActiveAt: z.string().nullable() }).optional(),
      after: z.object({ vendorLastActiveAt: z.string().nullable(), assignedAt: z.string().optional(), newPerson: z.boolean().optional() }).optional(),
    }),
  ),
});
export type SeatImportReply = z.infer<typeof SeatImportReply>;

// ---- people ----

export const PersonStatus = z.enum(['active', 'left']);
export type PersonStatus = z.infer<typeof PersonStatus>;

/** What Seatwise knows of a person besides the email, as HR imports set it. */
const PersonFields = z.object({
  name: z.string().nullable(),
  department: z.string().nullable(),
  /** Location or cost centre. */
  location: z.string().nullable(),
  managerEmail: z.string().nullable(),
  status: PersonStatus,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

export const Person = z.object({
  id: z.number().int(),
  email: z.string(),
  ...PersonFields.shape,
  /** Devices enrolled and not revoked. */
  devices: z.number().int(),
  /** The last upload from any of the person's devices. */
  lastSeenAt: z.string().nullable(),
  /** Seats held, over all subscriptions. */
  seats: z.number().int(),
  /** `enrollment`: first seen when a browser enrolled the email; `directory`: added by an import or by hand. */
  source: z.enum(['directory', 'enrollment']),
  /** When an HR import last listed the person; an enrolled person stays unconfirmed until one does. */
  confirmedAt: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const PersonList = z.object({ total: z.number().int(), people: z.array(Person) });
export type PersonList = z.infer<typeof PersonList>;

export const PersonSeat = z.object({
  seatId: z.number().int(),
  subscriptionId: z.number().int(),
  appId: z.string(),
  appName: z.string(),
  plan: z.string(),
  assignedAt: z.string(),
  source: z.enum(['manual', 'import']),
  vendorLastActiveAt: z.string().nullable(),
});
export type PersonSeat = z.infer<typeof PersonSeat>;

export const UsageErased = z.object({ erasedDays: z.number().int() });

const PersonFieldChanges = PersonFields.partial();

export const PeopleImportReply = z.object({
  ...importReplyFields,
  added: z.number().int(),
  /** People whose fields changed, including those a replace marks as leavers. */
  updated: z.number().int(),
  /** People this import makes leavers: by status or a past end date in the file, or missing from a replace. */
  leavers: z.number().int(),
  unchanged: z.number().int(),
  /** The header names the import used (null: the file has no such column). */
  columns: z.object({
    email: z.string(),
    name: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    manager: z.string().nullable(),
    status: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
  }),
  /** Only the fields that change. */
  changes: z.array(z.object({ email: z.string(), change: z.enum(['add', 'update', 'leave']), before: PersonFieldChanges.optional(), after: PersonFieldChanges.optional() })),
});
export type PeopleImportReply = z.infer<typeof PeopleImportReply>;

// ---- activity and coverage ----

export const DailyActivity = z.object({ day: Day, activeUsers: z.number().int(), activeSeconds: z.number().int() });
export type DailyActivity = z.infer<typeof DailyActivity>;

export const Coverage = z.object({
  /** People whose status is active. */
  people: z.number().int(),
  /** Of them, with an enrolled device that is not revoked. */
  withDevice: z.number().int(),
  /** Of them, whose device uploaded in the last 7 days. */
  reportingLast7Days: z.number().int(),
  byDepartment: z.array(z.object({ department: z.string().nullable(), people: z.number().int(), reporting: z.number().int() })),
});
export type Coverage = z.infer<typeof Coverage>;

export const Defaults = z.object({
  activityWindowDays: z.number().int().min(1).max(365),
  minActiveMinutes: z.number().int().min(0).max(1440),
});
export type Defaults = z.infer<typeof Defaults>;
export const Settings = z.object({ defaults: Defaults });
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsBody = z.object({ defaults: Defaults.partial().strict() }).strict();

// ---- alerts, deliveries and reclaims ----

export const AlertKind = z.enum(['renewal_due', 'seats_low', 'over_assigned', 'reclaimable', 'expired', 'shadow_it', 'devices_silent']);
export type AlertKind = z.infer<typeof AlertKind>;
export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export const AlertState = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

export const Alert = z.object({
  id: z.number().int(),
  kind: AlertKind,
  subject: z.object({ type: z.string(), id: z.string(), name: z.string() }),
  severity: AlertSeverity,
  state: AlertState,
  message: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertThresholds = z.object({
  /** seats_low: assigned at or above this share of the seats. */
  seatsLowPercent: z.number().int().min(50).max(100),
  /** reclaimable: reclaimable annual cost at or above this, in major units of the subscription's currency. */
  reclaimableAnnualCost: z.number().min(0).max(1e9),
  /** devices_silent: a device that uploaded before but not for this many days. */
  silentDays: z.number().int().min(1).max(90),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;

/** As DESIGN section 6 has it: an array; the number that match before paging is in the X-Total-Count header. */
export const AlertList = z.array(Alert);
export type AlertList = z.infer<typeof AlertList>;
export const SnoozeBody = z.object({ until: Day }).strict();

/** Alert thresholds, who is emailed, and how long a seat holder has to answer a reclaim. */
export const AlertSettings = z.object({
  thresholds: AlertThresholds,
  emailRecipients: z.array(Email).max(50),
  reclaimResponseDays: z.number().int().min(1).max(60),
});
export type AlertSettings = z.infer<typeof AlertSettings>;
export const UpdateAlertSettingsBody = z
  .object({ thresholds: AlertThresholds.partial().strict().optional(), emailRecipients: z.array(Email).max(50).optional(), reclaimResponseDays: z.number().int().min(1).max(60).optional() })
  .strict();

export const SmtpSettings = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65_535),
  /** true: TLS from the start (port 465); false: STARTTLS, which must succeed unless `allowUnencrypted`. */
  secure: z.boolean(),
  username: z.string().max(255).nullable(),
  from: Email,
  /**
   * The admin's explicit choice of an unencrypted local relay: send (and authenticate) in clear when the server
   * offers no STARTTLS. Default false: without TLS nothing is sent.
   */
  allowUnencrypted: z.boolean().default(false),
});
/** The password is never shown back: only whether one is set. */
export const SmtpSettingsReply = z.object({ smtp: SmtpSettings.extend({ passwordSet: z.boolean() }).nullable() });
export type SmtpSettingsReply = z.infer<typeof SmtpSettingsReply>;
export const PutSmtpBody = SmtpSettings.extend({
  /** Omit to keep the stored password; null to remove it. */
  password: z.string().max(1024).nullable().optional(),
}).strict();
export type PutSmtpBody = z.infer<typeof PutSmtpBody>;

export const Webhook = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  /** The last four characters of the signing secret. */
  secretHint: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;
export const CreateWebhookBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  })
  .strict();
/** Shown once: the secret receivers check the X-Seatwise-Signature header with. */
export const CreatedWebhook = Webhook.extend({ secret: z.string() });

export const Delivery = z.object({
  id: z.number().int(),
  channel: z.enum(['webhook', 'email']),
  target: z.string(),
  event: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const ReclaimState = z.enum(['open', 'notified', 'released', 'kept', 'ready', 'revoked', 'cancelled']);
export const Reclaim = z.object({
  id: z.number().int(),
  seatId: z.number().int().nullable(),
  subscriptionId: z.number().int().nullable(),
  subscriptionName: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  /** The holder's status when the reclaim was created (idle, never_used or left). */
  holderStatus: z.string(),
  state: ReclaimState,
  annualSaving: z.number().int(),
  currency: z.string(),
  respondBy: z.string().nullable(),
  keepReason: z.string().nullable(),
  keptUntil: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** When the keep-or-release email was sent; null while it waits in the outbox (state notified) or was never sent. */
  notifiedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Why the email has not gone out: the last send error while retrying (notified), or why it failed for good (back to open). */
  emailProblem: z.string().nullable(),
});
export type Reclaim = z.infer<typeof Reclaim>;
export const ReclaimList = z.object({ total: z.number().int(), reclaims: z.array(Reclaim) });
export type ReclaimList = z.infer<typeof ReclaimList>;
export const CreateReclaimsBody = z
  .object({
    seatIds: z.array(z.number().int().positive()).min(1).max(500),
    /** Email each holder a keep-or-release link (people who left are never emailed). */
    notify: z.boolean().default(true),
  })
  .strict();
export const KeepBody = z.object({ reason: multiLine({ min: 1, max: 500 }).transform((reason) => reason.trim()) }).strict();

export const Savings = z.object({
  /** Per currency: realised (revoked seats' annual savings) and potential (reclaimable annual cost now). */
  byCurrency: z.record(z.string(), z.object({ realised: z.number().int(), potential: z.number().int() })),
  /** One point a day from the daily job: potential then, realised so far. */
  history: z.array(z.object({ day: Day, currency: z.string(), potential: z.number().int(), realised: z.number().int() })),
});
export type Savings = z.infer<typeof Savings>;

// ---- audit ----

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** `user:<email>`, `token:<API token name>`, `enrollment_token:<label>`, `cli:<os user>` or `system` (first admin from the environment). */
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ total: z.number().int(), entries: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;

// ---- reconciliation ----

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
  /** The reclaim that holds this seat back from being proposed again: one in progress, or kept until a day not yet past. */
  reclaim: z
    .object({ id: z.number().int(), state: ReclaimState, notifiedAt: z.string().nullable(), respondBy: z.string().nullable(), keptUntil: z.string().nullable() })
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
