// Measured use as the charts and exports read it: per person, app and day; people active per day; and coverage
// (who is measured at all), with departments smaller than the privacy settings' minimum group shown as "fewer than N".
import type { Coverage } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { withGroupSuppression } from '../domain/group-size.ts';
import { coverageCounts } from '../queries/activity.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';

export { dailyActivity } from '../queries/activity.ts';
export { listPersonUsage } from '../queries/usage.ts';

export async function coverage(db: Db, now: Date): Promise<Coverage> {
  const [counts, { minGroupSize }] = await Promise.all([coverageCounts(db, now), getPrivacySettings(db)]);
  const byDepartment = withGroupSuppression(
    counts.byDepartment,
    (group) => group.people,
    ['people', 'reporting'],
    minGroupSize,
  );
  return { ...counts, byDepartment };
}
