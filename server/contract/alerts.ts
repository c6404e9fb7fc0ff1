// Alerts, notifications (SMTP, webhooks, deliveries), reclaims, savings and the audit log.
import { z } from 'zod';
import { Day, Email, multiLine } from './primitives.ts';

export const AlertKind = z.enum([
  'renewal_due',
  'seats_low',
  'over_assigned',
  'reclaimable',
  'expired',
  'shadow_it',
  'devices_silent',
]);
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
  .object({
    thresholds: AlertThresholds.partial().strict().optional(),
    emailRecipients: z.array(Email).max(50).optional(),
    reclaimResponseDays: z.number().int().min(1).max(60).optional(),
  })
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
export type ReclaimState = z.infer<typeof ReclaimState>;
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
  /**
   * Why the email has not gone out: the last send error while retrying (notified), or why it failed for good (back
   * to open).
   */
  emailProblem: z.string().nullable(),
  /** Why the vendor did not remove the account at the last revoke (status and message); the reclaim stays ready. */
  vendorProblem: z.string().nullable(),
  /** The subscription's connector removes the account at the vendor on revoke (deactivate or delete). */
  vendorDeprovision: z.enum(['none', 'deactivate', 'delete']),
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
export const KeepBody = z
  .object({ reason: multiLine({ min: 1, max: 500 }).transform((reason) => reason.trim()) })
  .strict();

export const Savings = z.object({
  /** Per currency: realised (revoked seats' annual savings) and potential (reclaimable annual cost now). */
  byCurrency: z.record(z.string(), z.object({ realised: z.number().int(), potential: z.number().int() })),
  /** One point a day from the daily job: potential then, realised so far. */
  history: z.array(
    z.object({ day: Day, currency: z.string(), potential: z.number().int(), realised: z.number().int() }),
  ),
});
export type Savings = z.infer<typeof Savings>;

// ---- audit ----

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /**
   * `user:<email>`, `token:<API token name>`, `enrollment_token:<label>`, `cli:<os user>` or `system` (first admin
   * from the environment).
   */
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
