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

/** The settings as last read per database, and when, for `recentPrivacySettings`. */
const recent = new WeakMap<Db, { read: Promise<PrivacySettings>; at: number }>();
/** How old the settings a hot path uses may be: another instance's change applies here within this. */
export const RECENT_PRIVACY_MS = 1_000;

/**
 * The settings read at most RECENT_PRIVACY_MS ago, for usage ingest (hundreds of uploads a second, each checking its
 * days against the retention period). A change saved through this database applies at once.
 */
export function recentPrivacySettings(db: Db, now = Date.now()): Promise<PrivacySettings> {
  const last = recent.get(db);
  if (last && now - last.at < RECENT_PRIVACY_MS && now >= last.at) return last.read;
  const read = getPrivacySettings(db);
  recent.set(db, { read, at: now });
  // A failed read is not kept: the next caller reads again.
  read.catch(() => {
    if (recent.get(db)?.read === read) recent.delete(db);
  });
  return read;
}

export async function savePrivacySettings(db: Db, value: PrivacySettings): Promise<void> {
  await saveSetting(db, KEY, PrivacySettings.parse(value));
  recent.delete(db);
}
