// The privacy controls, stored under one setting key; read field by field so a value from another version degrades
// to the defaults rather than failing.
import { DEFAULT_PRIVACY, PrivacySettings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { getSetting, saveSetting } from './settings.ts';

const KEY = 'privacy';

export async function getPrivacySettings(db: Db): Promise<PrivacySettings> {
  const stored = (await getSetting<Record<string, unknown>>(db, KEY)) ?? {};
  const fields = PrivacySettings.shape;
  const value: PrivacySettings = { ...DEFAULT_PRIVACY };
  for (const name of Object.keys(fields) as (keyof PrivacySettings)[]) {
    const parsed = fields[name].safeParse(stored[name]);
    if (parsed.success) Object.assign(value, { [name]: parsed.data });
  }
  return value;
}

export async function savePrivacySettings(db: Db, value: PrivacySettings): Promise<void> {
  await saveSetting(db, KEY, PrivacySettings.parse(value));
}
