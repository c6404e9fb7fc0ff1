// "What your company sees": asks the company's server what it holds about this browser's person, and says plainly
// when it cannot: not enrolled yet, server unreachable (with what this browser holds locally), or another error.
import type { DeviceMe } from '../../server/contract';
import { ApiError } from '../../server/contract/api-error';
import { HOLDER_STATUS } from '../../server/domain/holder-status';
import { toRecord } from './day-totals';
import { deviceApi } from './device-api';
import { formatDuration } from './format';
import * as store from './storage-items';
import { checkTotals } from './stored-value-checks';

/** Per app, what this browser measured over the days it still keeps. */
export type LocalApp = { appId: string; appName: string; activeSeconds: number; days: number };

export type CompanyView =
  | { state: 'loading' }
  | { state: 'not_enrolled'; message: string }
  | { state: 'loaded'; me: DeviceMe }
  | { state: 'unreachable'; message: string; local: LocalApp[] }
  | { state: 'error'; message: string };

export const LOADING: CompanyView = { state: 'loading' };
export const NOT_ENROLLED_MESSAGE =
  "This browser has not enrolled with your company's server yet, so the server holds nothing from it.";

/** Statuses a proxy or the server gives while it cannot answer: the same to the person as no answer at all. */
const UNREACHABLE = new Set([0, 502, 503, 504]);

export async function loadCompanyView(fetcher: typeof fetch): Promise<CompanyView> {
  const device = await store.device.getValue();
  if (!device) return { state: 'not_enrolled', message: NOT_ENROLLED_MESSAGE };
  try {
    const me = await deviceApi(device.serverUrl, fetcher).me(device.deviceToken);
    if (!looksLikeDeviceMe(me))
      return { state: 'error', message: 'The server answered in a form this version cannot read.' };
    return { state: 'loaded', me };
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'error', message: (error as Error).message };
    if (error.code === 'invalid_device_token') {
      return {
        state: 'not_enrolled',
        message: "The server no longer knows this browser's enrollment; it enrolls again at its next upload.",
      };
    }
    if (UNREACHABLE.has(error.status)) {
      return {
        state: 'unreachable',
        message:
          `Your company's server (${device.serverUrl}) could not be reached, ` +
          'so this shows what this browser holds.',
        local: await localApps(),
      };
    }
    return { state: 'error', message: `The server refused to say what it holds: ${error.message}` };
  }
}

/** The reply is read by hand rather than with zod, which would double the popup's size. */
function looksLikeDeviceMe(value: unknown): value is DeviceMe {
  const me = value as Partial<DeviceMe> | null;
  return (
    typeof me?.person?.email === 'string' &&
    typeof me.retention?.days === 'number' &&
    Array.isArray(me.apps) &&
    Array.isArray(me.seats)
  );
}

async function localApps(): Promise<LocalApp[]> {
  const [rawTotals, catalog] = await Promise.all([store.totals.getValue(), store.catalog.getValue()]);
  const totals = checkTotals(rawTotals).value;
  const names = new Map((catalog?.apps ?? []).map((app) => [app.id, app.name]));
  const byApp = new Map<string, LocalApp>();
  for (const key of Object.keys(totals)) {
    const { appId, activeSeconds } = toRecord(key, totals[key]!);
    const app = byApp.get(appId) ?? { appId, appName: names.get(appId) ?? appId, activeSeconds: 0, days: 0 };
    app.activeSeconds += activeSeconds;
    app.days += 1;
    byApp.set(appId, app);
  }
  return [...byApp.values()].sort((a, b) => b.activeSeconds - a.activeSeconds || a.appName.localeCompare(b.appName));
}

export function signedInLine(me: DeviceMe): string {
  const who = me.person.name ? `${me.person.name} (${me.person.email})` : me.person.email;
  return `Signed in as ${who}${me.device.verified ? ', confirmed by your company sign-in' : ''}.`;
}

export function retentionLine(me: DeviceMe): string {
  const days = me.daysWithUsage === 1 ? '1 day' : `${me.daysWithUsage} days`;
  return (
    `The server keeps usage for ${me.retention.days} days (from ${me.retention.from} to ${me.retention.to}); ` +
    `it holds ${formatDuration(me.totalSeconds)} over ${days} for you.`
  );
}

/** A seat's status in the dashboard's words, with what it was judged on. */
export function seatStatusLine(seat: DeviceMe['seats'][number]): string {
  if (seat.status === null) return `Assigned from ${seat.assignedAt}`;
  const { mark, label } = HOLDER_STATUS[seat.status];
  return `${mark} ${label}: ${formatDuration(seat.activeSecondsInWindow)} in the last ${seat.activityWindowDays} days`;
}
