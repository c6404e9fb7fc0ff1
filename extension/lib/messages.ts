// The runtime messages between the popup/options pages and the background, and the status they are shown.
import type { ConfigKey, ConfigSource } from './config-resolution';
import type { LastUpload } from './storage-items';

/** Staff read this line: plain words and whom to ask; the key names go only to the options page. */
export const NOT_CONNECTED_MESSAGE =
  "This browser is not connected to your company's Seatwise yet, so nothing is measured or sent. " +
  'Ask your IT team to set up Seatwise for this browser.';

export type Message = { type: 'upload-now' } | { type: 'status' };

export type UploadNowReply = { ok: boolean; error?: string; accepted?: number };

export type ConnectionState = 'not_configured' | 'connecting' | 'connected' | 'failing';

export type AppDay = {
  appId: string;
  appName: string;
  activeSeconds: number;
  visits: number;
  lastActiveAt: string | null;
};

export type StatusReply = {
  /** `message` is for the person; `missing` names the unset keys for IT on the options page. */
  connection: { state: ConnectionState; message: string; missing?: ConfigKey[] };
  /** The enrollment token itself never leaves the background; only whether one is set. */
  config: {
    serverUrl: string | null;
    userEmail: string | null;
    enrollmentTokenSet: boolean;
    idleSeconds: number;
    uploadIntervalMinutes: number;
    sources: Record<ConfigKey, ConfigSource>;
    problems: string[];
  };
  deviceId: string | null;
  today: string;
  todayTotals: AppDay[];
  /** Monday of this week; weekTotals sum the days from it to today. */
  weekStart: string;
  weekTotals: AppDay[];
  /** The names of the apps whose time is measured, so the person can see the whole list. */
  catalogApps: string[];
  /** The app whose time is counting right now, if any. */
  trackingAppId: string | null;
  lastUpload: LastUpload | null;
  nextAttemptAt: number | null;
};

export function isMessage(value: unknown): value is Message {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'upload-now' || type === 'status';
}
