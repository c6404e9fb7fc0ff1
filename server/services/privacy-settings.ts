// The privacy controls (DESIGN section 10) as an admin changes them: read by everyone, changed by admins (audited,
// old and new values), and a change of the retention period asks the retention job to run soon.
import type { z } from 'zod';
import type { PrivacySettings, UpdatePrivacySettingsBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../queries/audit.ts';
import { getPrivacySettings, savePrivacySettings } from '../queries/privacy-settings.ts';
import { announceChange, type JobRequests } from './changes.ts';

export { getPrivacySettings };

type Deps = { db: Db; jobs?: JobRequests | undefined };

/** Changes only the fields sent. Works-council mode is read on every request, so it applies from the next one. */
export async function updatePrivacySettings(
  deps: Deps,
  change: z.infer<typeof UpdatePrivacySettingsBody>,
  actor: string,
): Promise<PrivacySettings> {
  const { db } = deps;
  const before = await getPrivacySettings(db);
  const after: PrivacySettings = { ...before, ...change };
  await savePrivacySettings(db, after);
  await recordAudit(db, {
    actor,
    action: 'settings.update',
    subjectType: 'settings',
    subjectId: 'privacy',
    before,
    after,
  });
  if (after.usageRetentionDays !== before.usageRetentionDays) announceChange(deps, 'privacy-settings');
  return after;
}
