import { expect, it } from 'vitest';
import { MIN_RETENTION_DAYS as SHOWN } from '../../dashboard/src/lib/privacy-limits.ts';
import { MIN_RETENTION_DAYS, PrivacySettings } from '../../server/contract/privacy.ts';

it('the form shows the retention minimum the server enforces', () => {
  expect(SHOWN).toBe(MIN_RETENTION_DAYS);
  const at = (days: number) => PrivacySettings.shape.usageRetentionDays.safeParse(days).success;
  expect([at(SHOWN - 1), at(SHOWN)]).toEqual([false, true]);
});
