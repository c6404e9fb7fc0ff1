// Alert thresholds, email recipients and the reclaim answer period; the SMTP server (password kept, never shown).
import type { AlertSettings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { DEFAULT_THRESHOLDS } from '../domain/alert-rules.ts';
import type { SmtpConfig } from '../domain/smtp-config.ts';
import { getSetting, saveSetting } from './settings.ts';

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  emailRecipients: [],
  reclaimResponseDays: 7,
};

export async function getAlertSettings(db: Db): Promise<AlertSettings> {
  const stored = (await getSetting<Partial<AlertSettings>>(db, 'alerts')) ?? {};
  return { ...DEFAULT_ALERT_SETTINGS, ...stored, thresholds: { ...DEFAULT_THRESHOLDS, ...(stored.thresholds ?? {}) } };
}

export const saveAlertSettings = (db: Db, settings: AlertSettings) => saveSetting(db, 'alerts', settings);

export type { SmtpConfig };

/** The password is stored sealed (section 3 of the design: secrets at rest) and opened only here, to send. */
export async function getSmtp(db: Db): Promise<SmtpConfig | null> {
  const stored = await getSetting<SmtpConfig>(db, 'smtp');
  if (!stored) return null;
  // Stored before the choice existed: TLS is required.
  return {
    ...stored,
    allowUnencrypted: stored.allowUnencrypted ?? false,
    password: stored.password === null ? null : db.$secrets.open('smtp.password', stored.password),
  };
}

export const saveSmtp = (db: Db, smtp: SmtpConfig) =>
  saveSetting(db, 'smtp', {
    ...smtp,
    password: smtp.password === null ? null : db.$secrets.seal('smtp.password', smtp.password),
  });
