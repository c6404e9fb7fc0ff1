// The drizzle schema: the source of truth for the database; migrations are generated from it.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AlertKind, ReclaimState } from '../contract.ts';

export { dataVersions, usageChanges } from './schema-change-tracking.ts';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text({ enum: ['admin', 'it', 'finance', 'viewer'] }).notNull(),
  createdAt: createdAt(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the cookie value: a stolen database does not yield live sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  role: text({ enum: ['admin', 'it', 'finance', 'viewer'] }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

export const enrollmentTokens = sqliteTable('enrollment_tokens', {
  id: integer().primaryKey({ autoIncrement: true }),
  label: text(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  /** After this the token enrolls nothing (401); null never expires. */
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
  /** How many devices it may ever enroll (revoked ones count: a leaked token cannot enroll more); null is no cap. */
  maxDevices: integer('max_devices'),
});

export const people = sqliteTable('people', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Lower-cased: email is the identity. */
  email: text().notNull().unique(),
  name: text(),
  department: text(),
  /** Location or cost centre, as the HR export names it. */
  location: text(),
  managerEmail: text('manager_email'),
  status: text({ enum: ['active', 'left'] })
    .notNull()
    .default('active'),
  startDate: text('start_date'),
  endDate: text('end_date'),
  createdAt: createdAt(),
  /**
   * Who first wrote the row: `directory` (an HR or seat import, a seat added by hand) or `enrollment` (an extension
   * enrolled an email nobody had listed, so nobody has vouched for it yet).
   */
  source: text({ enum: ['directory', 'enrollment'] })
    .notNull()
    .default('directory'),
  /** When an HR import last listed the person: an enrolled person is confirmed from then on. */
  confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
});

export const devices = sqliteTable(
  'devices',
  {
    id: text().primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    browser: text({ enum: ['chrome', 'edge', 'firefox', 'other'] }).notNull(),
    extensionVersion: text('extension_version').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /**
     * The enrollment token it enrolled with; null for devices enrolled before this was kept (or, later, through SSO).
     */
    enrollmentTokenId: integer('enrollment_token_id').references(() => enrollmentTokens.id, { onDelete: 'set null' }),
    enrolledAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** When the identity provider vouched for the person at enrollment (DESIGN section 9); null: a token alone. */
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('devices_person_idx').on(t.personId), index('devices_enrollment_token_idx').on(t.enrollmentTokenId)],
);

/**
 * One-time codes the SSO callback hands an extension after the identity provider vouched for `email`; the extension
 * redeems one at /devices/enroll within minutes. Only the hash is kept, so a stolen database redeems nothing.
 */
export const ssoDeviceCodes = sqliteTable(
  'sso_device_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    email: text().notNull(),
    /** The extension redirect URL the code was sent to. */
    redirect: text().notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sso_device_codes_expires_idx').on(t.expiresAt)],
);

export const apps = sqliteTable('apps', {
  id: text().primaryKey(),
  name: text().notNull(),
  /** JSON array of domain suffixes. */
  domains: text({ mode: 'json' }).$type<string[]>().notNull(),
  category: text(),
  status: text({ enum: ['sanctioned', 'unsanctioned', 'under_review'] })
    .notNull()
    .default('under_review'),
  source: text({ enum: ['catalog', 'custom'] }).notNull(),
  /** Who in the company owns the app (the person to ask before buying or cancelling). */
  ownerEmail: text('owner_email'),
  /** Set when an admin changed the name, domains or category: catalog updates then leave the app alone. */
  editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});

/** The device's running totals per app and local day; ingest keeps the maximum, so retries change nothing. */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    appId: text('app_id').notNull(),
    day: text().notNull(),
    activeSeconds: integer('active_seconds').notNull(),
    visits: integer().notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.appId, t.day] }), index('usage_daily_app_day_idx').on(t.appId, t.day)],
);

/**
 * Per person, app and day, summed over the person's devices. Kept by database triggers on usage_daily, so
 * reconciliation reads ready totals instead of scanning per-device rows.
 */
export const personUsageDaily = sqliteTable(
  'person_usage_daily',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    appId: text('app_id').notNull(),
    day: text().notNull(),
    activeSeconds: integer('active_seconds').notNull(),
    visits: integer().notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    /** Active seconds of this person on this app on every day up to and including this one (a prefix sum). */
    cumulativeSeconds: integer('cumulative_seconds').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.appId, t.day] }),
    // Covers the per-day counts of concurrent licences without reading the table.
    index('person_usage_daily_app_day_idx').on(t.appId, t.day, t.activeSeconds),
    // A window's seconds are two seeks: cumulative at the window's end minus cumulative before its start.
    index('person_usage_daily_cumulative_idx').on(t.personId, t.appId, t.day, t.cumulativeSeconds),
  ],
);

/** First and last day with any active time, per person and app (trigger-maintained). */
export const personAppUsage = sqliteTable(
  'person_app_usage',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    appId: text('app_id').notNull(),
    firstDay: text('first_day').notNull(),
    lastDay: text('last_day').notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    /** All active seconds ever (the cumulative total at the last day), so a window ending after it needs no seek. */
    totalSeconds: integer('total_seconds').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.personId, t.appId] }), index('person_app_usage_app_idx').on(t.appId)],
);

/** Days on which some device of the person uploaded (trigger-maintained from device_days). */
export const personDays = sqliteTable(
  'person_days',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    day: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] }), index('person_days_day_idx').on(t.day, t.personId)],
);

/** Days on which a device uploaded anything, even an empty heartbeat: the person was monitored that day. */
export const deviceDays = sqliteTable(
  'device_days',
  {
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    day: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.day] })],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    plan: text().notNull(),
    metric: text({ enum: ['named_user', 'concurrent', 'site', 'flat'] }).notNull(),
    seats: integer(),
    unitCost: integer('unit_cost').notNull(),
    currency: text().notNull(),
    billingPeriod: text('billing_period', { enum: ['monthly', 'annual'] }).notNull(),
    startDate: text('start_date'),
    renewalDate: text('renewal_date'),
    autoRenew: integer('auto_renew', { mode: 'boolean' }).notNull().default(false),
    noticeDays: integer('notice_days').notNull().default(30),
    ownerEmail: text('owner_email'),
    department: text(),
    activityWindowDays: integer('activity_window_days').notNull().default(30),
    minActiveMinutes: integer('min_active_minutes').notNull().default(1),
    notes: text(),
    /**
     * The contract or purchase-order reference from the procurement register; a re-imported register updates the
     * subscription with the same reference, app and plan.
     */
    contractRef: text('contract_ref'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('subscriptions_contract_line_idx')
      .on(t.contractRef, t.appId, t.plan)
      .where(sql`contract_ref IS NOT NULL`),
  ],
);

export const seats = sqliteTable(
  'seats',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    assignedAt: text('assigned_at').notNull(),
    source: text({ enum: ['manual', 'import'] }).notNull(),
    vendorLastActiveAt: text('vendor_last_active_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('seats_subscription_person_idx').on(t.subscriptionId, t.personId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actor: text().notNull(),
    action: text().notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/** Fixed-window counters for rate limits, in the database so every instance shares them. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer().notNull(),
});

/** Small server-wide values (the one-time setup token's hash, defaults), shared by every instance. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
});

/** The contract's enums are the one list of values; the columns take them as drizzle's non-empty tuple. */
const valuesOf = <T extends string>(values: readonly T[]) => values as [T, ...T[]];

export const ALERT_KINDS = valuesOf(AlertKind.options);

/** Alerts raised by the rules; at most one not resolved per kind and subject. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: ALERT_KINDS }).notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    severity: text({ enum: ['info', 'warning', 'critical'] }).notNull(),
    state: text({ enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    message: text().notNull(),
    /** How urgent the condition is now (the renewal threshold crossed); a higher level re-opens and re-notifies. */
    level: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    acknowledgedBy: text('acknowledged_by'),
    snoozedUntil: text('snoozed_until'),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('alerts_live_subject_idx').on(t.kind, t.subjectType, t.subjectId).where(sql`state <> 'resolved'`),
    index('alerts_state_idx').on(t.state, t.createdAt),
  ],
);

/** Who runs a scheduled job now (a lease that expires if its holder dies) and when it last ran. */
export const jobLeases = sqliteTable('job_leases', {
  name: text().primaryKey(),
  holder: text(),
  expiresAt: integer('expires_at').notNull().default(0),
  lastRunAt: integer('last_run_at'),
  lastRunBy: text('last_run_by'),
  runs: integer().notNull().default(0),
});

/** Webhook endpoints alerts are posted to (Slack-compatible JSON, signed with the endpoint's secret). */
export const webhooks = sqliteTable('webhooks', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  url: text().notNull(),
  /** Kept to sign each delivery (HMAC-SHA256); the API shows only its last four characters. */
  secret: text().notNull(),
  enabled: integer({ mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
});

/** The outbox: every webhook post and email, with its attempts, so nothing is lost when a receiver is down. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    channel: text({ enum: ['webhook', 'email'] }).notNull(),
    webhookId: integer('webhook_id').references(() => webhooks.id, { onDelete: 'cascade' }),
    recipient: text(),
    event: text().notNull(),
    /** Webhook: the JSON body. Email: {subject, text, html}. */
    payload: text({ mode: 'json' }).notNull(),
    state: text({ enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('deliveries_due_idx').on(t.state, t.nextAttemptAt)],
);

/** A seat proposed for reclaiming, through the holder's answer and IT's confirmation to the recorded saving. */
export const reclaims = sqliteTable(
  'reclaims',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    seatId: integer('seat_id').references(() => seats.id, { onDelete: 'set null' }),
    /** Kept (null) when the subscription is deleted later: a recorded saving is never lost. */
    subscriptionId: integer('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    /** "App plan" as it was, for the record. */
    subscriptionName: text('subscription_name').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    email: text().notNull(),
    state: text({ enum: valuesOf(ReclaimState.options) }).notNull(),
    holderStatus: text('holder_status').notNull(),
    /** What removing the seat saves a year, in the subscription's currency (minor units). */
    annualSaving: integer('annual_saving').notNull(),
    currency: text().notNull(),
    respondBy: text('respond_by'),
    keepReason: text('keep_reason'),
    keptUntil: text('kept_until'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    notifiedAt: integer('notified_at', { mode: 'timestamp_ms' }),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Why the keep-or-release email has not gone out (the last send error); cleared when it is sent. */
    emailProblem: text('email_problem'),
    /** Why the vendor did not deprovision the account at the last revoke (status and message); cleared on success. */
    vendorProblem: text('vendor_problem'),
  },
  (t) => [index('reclaims_state_idx').on(t.state), index('reclaims_subscription_idx').on(t.subscriptionId, t.personId)],
);

/** Potential (reclaimable now) and realised (revoked) annual savings per currency, one row a day, for the trend. */
export const savingsSnapshots = sqliteTable(
  'savings_snapshots',
  {
    day: text().notNull(),
    currency: text().notNull(),
    potential: integer().notNull(),
    realised: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency] })],
);

/** Vendor legal or trading names that map to an app ("Slack Technologies, LLC" -> slack), beyond the shipped table. */
export const vendorAliases = sqliteTable('vendor_aliases', {
  /** Normalised: lower-cased, punctuation and legal suffixes (Inc, LLC, Ltd, GmbH...) removed. */
  alias: text().primaryKey(),
  appId: text('app_id')
    .notNull()
    .references(() => apps.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

/** Merchant descriptors on card and ledger lines that map to an app (`FIGMA*` -> figma), beyond the shipped table. */
export const merchantRules = sqliteTable('merchant_rules', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Normalised merchant text the line's merchant must start with (upper-cased, spaces collapsed). */
  pattern: text().notNull().unique(),
  appId: text('app_id')
    .notNull()
    .references(() => apps.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

/**
 * The record each contract-register line left on its subscription: where it came from and what it said, for audit
 * preparation. Kept (subscription null) when the subscription is deleted.
 */
export const purchaseRecords = sqliteTable(
  'purchase_records',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    contractRef: text('contract_ref'),
    vendor: text(),
    /** The uploaded file's name as given, and the line's row in it as a spreadsheet numbers it (header = row 1). */
    fileName: text('file_name'),
    row: integer().notNull(),
    quantity: integer(),
    /** The line's total in minor units of its currency, as the register states it or quantity x unit price. */
    lineTotal: integer('line_total'),
    currency: text(),
    startDate: text('start_date'),
    endDate: text('end_date'),
    importedBy: text('imported_by').notNull(),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('purchase_records_subscription_idx').on(t.subscriptionId)],
);

/** One line of a card, expense or ledger export; `lineKey` makes importing the same file twice add nothing. */
export const spendLines = sqliteTable(
  'spend_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** sha256 of the line's identifying fields (and its occurrence among identical lines of the file). */
    lineKey: text('line_key').notNull().unique(),
    day: text().notNull(),
    merchant: text().notNull(),
    /** Minor units of `currency`; refunds are negative. */
    amount: integer().notNull(),
    currency: text().notNull(),
    /** The employee the card or expense belongs to, where the export names one (lower-cased). */
    email: text(),
    memo: text(),
    /** The export it came from: expensify, ramp, brex, quickbooks, netsuite or generic. */
    source: text().notNull(),
    /** Null while no rule matches the merchant: listed for review. */
    appId: text('app_id').references(() => apps.id, { onDelete: 'set null' }),
    importedBy: text('imported_by').notNull(),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('spend_lines_app_day_idx').on(t.appId, t.day), index('spend_lines_merchant_idx').on(t.merchant)],
);
