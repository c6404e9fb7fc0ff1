// A subject access export (DESIGN section 10): everything Seatwise stores about one person, for a DPO to hand over.
import { z } from 'zod';
import { Browser } from './devices.ts';
import { Day } from './primitives.ts';

const At = z.string().nullable();

const ExportedPerson = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  location: z.string().nullable(),
  managerEmail: z.string().nullable(),
  status: z.enum(['active', 'left']),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  source: z.enum(['directory', 'enrollment']),
  createdAt: z.string(),
  confirmedAt: At,
});

/** A Seatwise sign-in with the person's email; never its password hash or sessions. */
const ExportedAccount = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(['admin', 'it', 'finance', 'viewer']),
  createdAt: z.string(),
  disabledAt: At,
});

/** A browser the extension enrolled; never its token hash. */
const ExportedDevice = z.object({
  id: z.string(),
  browser: Browser,
  extensionVersion: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: At,
  revokedAt: At,
  verifiedAt: At,
  enrollmentTokenLabel: z.string().nullable(),
});

/** One device's total for one app on one local day, as the extension sent it. */
const ExportedUsage = z.object({
  deviceId: z.string(),
  appId: z.string(),
  day: Day,
  activeSeconds: z.number().int(),
  visits: z.number().int(),
  lastActiveAt: At,
});

/** A day on which a device uploaded anything, even an empty heartbeat. */
const ExportedDeviceDay = z.object({ deviceId: z.string(), day: Day });

const ExportedSeat = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  appId: z.string(),
  plan: z.string(),
  assignedAt: z.string(),
  source: z.enum(['manual', 'import']),
  vendorLastActiveAt: z.string().nullable(),
  createdAt: z.string(),
});

const ExportedReclaim = z.object({
  id: z.number().int(),
  seatId: z.number().int().nullable(),
  subscriptionId: z.number().int().nullable(),
  subscriptionName: z.string(),
  email: z.string(),
  state: z.string(),
  holderStatus: z.string(),
  annualSaving: z.number().int(),
  currency: z.string(),
  respondBy: z.string().nullable(),
  keepReason: z.string().nullable(),
  keptUntil: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  notifiedAt: At,
  respondedAt: At,
  revokedAt: At,
  emailProblem: z.string().nullable(),
  vendorProblem: z.string().nullable(),
});

const ExportedAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

/** A call to a vendor's SCIM endpoint made for one of the person's reclaims or naming their email. */
const ExportedConnectorRun = z.object({
  id: z.number().int(),
  connectorId: z.number().int(),
  kind: z.string(),
  outcome: z.string(),
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: z.unknown(),
  vendorStatus: z.number().int().nullable(),
  message: z.string().nullable(),
  reclaimId: z.number().int().nullable(),
});

/** An email sent to the person, or a webhook post naming them (its body only when it was sent to them). */
const ExportedDelivery = z.object({
  id: z.number().int(),
  channel: z.enum(['webhook', 'email']),
  recipient: z.string().nullable(),
  event: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  deliveredAt: At,
  payload: z.unknown(),
});

const ExportedAlert = z.object({
  id: z.number().int(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  subjectName: z.string(),
  state: z.string(),
  message: z.string(),
  createdAt: z.string(),
});

/** A card, expense or ledger line the finance export attributes to the person's email. */
const ExportedSpendLine = z.object({
  id: z.number().int(),
  day: z.string(),
  merchant: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  memo: z.string().nullable(),
  source: z.string(),
  appId: z.string().nullable(),
  importedAt: z.string(),
});

/** An app or subscription that names the person as its owner. */
const ExportedOwnership = z.object({
  kind: z.enum(['app', 'subscription']),
  id: z.string(),
  name: z.string(),
});

/** A pending single-sign-on device code for the email (kept minutes); never the code's hash. */
const ExportedSsoCode = z.object({ redirect: z.string(), createdAt: z.string(), expiresAt: z.string() });

export const PersonExport = z.object({
  exportedAt: z.string(),
  person: ExportedPerson,
  account: ExportedAccount.nullable(),
  devices: z.array(ExportedDevice),
  usage: z.array(ExportedUsage),
  deviceDays: z.array(ExportedDeviceDay),
  seats: z.array(ExportedSeat),
  reclaims: z.array(ExportedReclaim.extend({ steps: z.array(ExportedAuditEntry) })),
  connectorRuns: z.array(ExportedConnectorRun),
  deliveries: z.array(ExportedDelivery),
  alerts: z.array(ExportedAlert),
  spendLines: z.array(ExportedSpendLine),
  ownership: z.array(ExportedOwnership),
  ssoDeviceCodes: z.array(ExportedSsoCode),
  audit: z.array(ExportedAuditEntry),
});
export type PersonExport = z.infer<typeof PersonExport>;

export const PersonExportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
