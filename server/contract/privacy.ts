// Privacy controls (DESIGN section 10): how long usage is kept, works-council mode and group suppression.
import { z } from 'zod';

export const MIN_RETENTION_DAYS = 90;
/** The longest window reconciliation reads is 90 days; retention may never be shorter. */
export const PrivacySettings = z.object({
  /** Usage, day and rollup rows older than this many days are deleted by the retention job. */
  usageRetentionDays: z
    .number()
    .int('must be a whole number of days')
    .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} days (the longest activity window)`)
    .max(3650, 'must be at most 3650 days (10 years)'),
  /** Finance and viewer see stable pseudonyms instead of names and emails, except holders whose seat needs action. */
  pseudonymise: z.boolean(),
  /** Department figures over fewer people than this are shown as "fewer than N", never exactly. */
  minGroupSize: z
    .number()
    .int('must be a whole number of people')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const DEFAULT_PRIVACY: PrivacySettings = { usageRetentionDays: 400, pseudonymise: false, minGroupSize: 5 };

export const UpdatePrivacySettingsBody = PrivacySettings.partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
