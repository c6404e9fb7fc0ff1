// Defaults for new subscriptions (activity window, minimum active minutes), set by an admin in settings.
import type { Defaults } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { getSetting, saveSetting } from './settings.ts';

export const BUILT_IN_DEFAULTS: Defaults = { activityWindowDays: 30, minActiveMinutes: 1 };
const KEY = 'defaults';

export async function getDefaults(db: Db): Promise<Defaults> {
  return { ...BUILT_IN_DEFAULTS, ...((await getSetting<Partial<Defaults>>(db, KEY)) ?? {}) };
}

export async function saveDefaults(db: Db, defaults: Defaults): Promise<void> {
  await saveSetting(db, KEY, defaults);
}
