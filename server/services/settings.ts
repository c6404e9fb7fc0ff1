// Server-wide settings as an admin changes them: the defaults new subscriptions start with, audited.
import type { z } from 'zod';
import type { Settings, UpdateSettingsBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../queries/audit.ts';
import { getDefaults, saveDefaults } from '../queries/defaults.ts';

export async function readSettings(db: Db): Promise<Settings> {
  return { defaults: await getDefaults(db) };
}

/** Changes only the defaults sent; the rest stay as they were. */
export async function changeSettings(
  db: Db,
  changes: z.infer<typeof UpdateSettingsBody>,
  actor: string,
): Promise<Settings> {
  const before = await getDefaults(db);
  const after = { ...before, ...changes.defaults };
  await saveDefaults(db, after);
  await recordAudit(db, {
    actor,
    action: 'settings.update',
    subjectType: 'settings',
    subjectId: 'defaults',
    before,
    after,
  });
  return { defaults: after };
}
