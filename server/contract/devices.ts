// What the extension sends and receives: enrollment, the catalog, usage uploads, devices.
import { z } from 'zod';
import { Day, Email, oneLine } from './primitives.ts';

export const Browser = z.enum(['chrome', 'edge', 'firefox', 'other']);
export type Browser = z.infer<typeof Browser>;

export const EnrollBody = z.object({
  enrollmentToken: z.string().min(1).max(200),
  email: Email,
  browser: Browser,
  extensionVersion: oneLine({ min: 1, max: 40 }),
  /** The one-time code the SSO callback handed the extension: binds the device to the email the IdP vouched for. */
  ssoCode: z.string().min(1).max(200).optional(),
});
export type EnrollBody = z.infer<typeof EnrollBody>;

export const EnrollReply = z.object({
  deviceId: z.string(),
  deviceToken: z.string(),
  /** Whose the device is: with an SSO code the email the identity provider vouched for, else the one sent. */
  email: z.string(),
  /** Enrolled through single sign-on. */
  verified: z.boolean(),
});
export type EnrollReply = z.infer<typeof EnrollReply>;

export const DeviceInfo = z.object({
  id: z.string(),
  email: z.string(),
  browser: Browser,
  extensionVersion: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** When the identity provider vouched for the person at enrollment; null: enrolled with a token alone. */
  verifiedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DeviceList = z.object({ total: z.number().int(), devices: z.array(DeviceInfo) });
export type DeviceList = z.infer<typeof DeviceList>;

export const AppId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lower-case slug like "slack"');

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

export const UsageRecord = z
  .object({
    appId: AppId,
    day: Day,
    activeSeconds: z.number().int().min(0).max(SECONDS_PER_DAY),
    visits: z.number().int().min(0).max(1_000_000),
    lastActiveAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .refine((record) => record.lastActiveAt === null || lastActiveFitsDay(record.lastActiveAt, record.day), {
    path: ['lastActiveAt'],
    message: "must fall on the record's day in some time zone (UTC-12 to UTC+14)",
  });
export type UsageRecord = z.infer<typeof UsageRecord>;

/**
 * A moment lies on a local calendar day somewhere when it is between that day's start at UTC+14 and its end at UTC-12.
 */
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
