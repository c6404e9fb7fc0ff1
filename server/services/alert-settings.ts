// Alert thresholds, email recipients and the reclaim answer period: read by everyone, changed by admins (audited),
// and a change asks the alert rules to run soon.

import type { z } from 'zod';
import type { AlertSettings, UpdateAlertSettingsBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { getAlertSettings, saveAlertSettings } from '../queries/alert-settings.ts';
import { recordAudit } from '../queries/audit.ts';
import { announceChange, type JobRequests } from './changes.ts';

export { getAlertSettings };

type Deps = { db: Db; jobs?: JobRequests | undefined };

/** Thresholds merge field by field: a change to one leaves the others as they were. */
export async function updateAlertSettings(
  deps: Deps,
  change: z.infer<typeof UpdateAlertSettingsBody>,
  actor: string,
): Promise<AlertSettings> {
  const { db } = deps;
  const before = await getAlertSettings(db);
  const after = { ...before, ...change, thresholds: { ...before.thresholds, ...(change.thresholds ?? {}) } };
  await saveAlertSettings(db, after);
  await recordAudit(db, {
    actor,
    action: 'settings.update',
    subjectType: 'settings',
    subjectId: 'alerts',
    before,
    after,
  });
  announceChange(deps, 'alert-settings');
  return after;
}
