// A device's usage upload: its days within bounds (and the retention period), its apps in the catalog, then kept as
// the maximum per device, app and day (the device's last-seen time moves even for an empty upload, the heartbeat),
// committed in a group with the uploads that arrive at the same time.
import type { UsageRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { checkUsageDays } from '../domain/usage-rules.ts';
import { Invalid } from '../errors.ts';
import { recentPrivacySettings } from '../queries/privacy-settings.ts';
import { firstUnknownApp } from './known-apps.ts';
import { commitUpload } from './usage-commits.ts';

/**
 * How many records were accepted, once they are committed; Invalid `invalid_day` or `unknown_app` refuses the whole
 * upload. `onQueued` is called when the upload has passed its checks and waits for its group's commit.
 */
export async function ingestUsage(
  { db, now }: { db: Db; now: () => Date },
  deviceId: string,
  records: readonly UsageRecord[],
  onQueued?: () => void,
): Promise<number> {
  const at = now();
  // The retention period as read within the last second: another instance's change applies here within that.
  const { usageRetentionDays } = await recentPrivacySettings(db);
  const dayProblem = checkUsageDays(records, at, usageRetentionDays);
  if (dayProblem) throw new Invalid('invalid_day', dayProblem);
  const unknown = await firstUnknownApp(
    db,
    records.map((record) => record.appId),
  );
  if (unknown) throw new Invalid('unknown_app', `records: "${unknown}" is not an app in the catalog.`);
  const committed = commitUpload(db, { deviceId, records, at });
  onQueued?.();
  await committed;
  return records.length;
}
