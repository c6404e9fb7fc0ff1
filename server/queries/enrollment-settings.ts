// Who may enroll a browser: the allowed email domains and whether only people in the directory may, by setting key.
import { EnrollmentSettings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { OPEN_ENROLLMENT } from '../domain/enrollment-policy.ts';
import { getSetting, saveSetting } from './settings.ts';

const KEY = 'enrollment';

export async function getEnrollmentSettings(db: Db): Promise<EnrollmentSettings> {
  // Parsed, not trusted: a value written by an older or newer version falls back field by field to open enrollment.
  const stored = EnrollmentSettings.partial().safeParse((await getSetting(db, KEY)) ?? {});
  return { ...OPEN_ENROLLMENT, ...(stored.success ? stored.data : {}) };
}

export async function saveEnrollmentSettings(db: Db, value: EnrollmentSettings): Promise<void> {
  await saveSetting(db, KEY, value);
}
