// Numbers, money, dates and durations in the viewer's locale.
import type { HolderStatus } from '../../../server/contract.ts';
import { HOLDER_STATUS, HOLDER_STATUSES, isHolderStatus } from '../../../server/domain/holder-status.ts';
import { formatMoney as formatMoneyIn, minorDigits } from '../../../server/domain/money.ts';

/** Costs are integer minor units (cents); shown in major units with the currency's own digits. */
export function formatMoney(minorUnits: number, currency: string): string {
  return formatMoneyIn(minorUnits, currency, undefined);
}

/** A price to the minor unit, as a contract states it: 19990 USD -> "$199.90" (formatMoney rounds to whole units). */
export function formatPrice(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
    minorUnits / 10 ** minorDigits(currency),
  );
}

export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/**
 * Made once: building an Intl formatter costs far more than using it, and the overview shows hundreds of figures.
 * Made at first use, not when this module loads: the browser's first formatter sets up its locale data (tens of ms
 * on a phone), which the sign-in page never needs and which lib/intl-warm-up.ts does off the main thread meanwhile.
 */
const once = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};
const percent = once(() => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }));
const number = once(() => new Intl.NumberFormat());
const dayFormat = once(() => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
const dateTime = once(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

/** As toLocaleString does: a date that is not one reads "Invalid Date" (Intl's format would throw). */
const formatDate = (format: () => Intl.DateTimeFormat, date: Date) =>
  Number.isNaN(date.getTime()) ? 'Invalid Date' : format().format(date);

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '–' : percent().format(fraction);
}

export function formatNumber(value: number | null): string {
  return value === null ? '–' : number().format(value);
}

/** A calendar day `YYYY-MM-DD` as the viewer writes dates (the day itself, not shifted by time zone). */
export function formatDay(day: string | null): string {
  if (!day) return '–';
  return formatDate(dayFormat, new Date(`${day.slice(0, 10)}T12:00:00`));
}

/** A span of days with either end possibly open: "Oct 1, 2026 – Sep 30, 2027", "from Oct 1, 2026", "until …". */
export function formatPeriod(start: string | null, end: string | null): string {
  if (start && end) return `${formatDay(start)} – ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  if (end) return `until ${formatDay(end)}`;
  return '–';
}

export function formatDateTime(at: string | null): string {
  return at ? formatDate(dateTime, new Date(at)) : '–';
}

/** 3725 s -> "1 h 2 min"; under a minute -> "< 1 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return seconds > 0 ? '< 1 min' : '0 min';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Whole days from today to `day` (negative when it has passed). */
export function daysUntil(day: string, from = today()): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Day arithmetic is the server's own, so a deadline the dashboard shows is the day the server computes. */
export { addDays } from '../../../server/domain/days.ts';

/** Each status's word, from the one table of statuses (server/domain/holder-status.ts). */
export const STATUS_LABEL = Object.fromEntries(
  HOLDER_STATUSES.map((status) => [status, HOLDER_STATUS[status].label]),
) as Record<HolderStatus, string>;

/** The word for a status read from stored data (a reclaim's holder status), the raw value if it is not one we know. */
export const statusLabel = (value: string): string => (isHolderStatus(value) ? HOLDER_STATUS[value].label : value);

export const METRIC_LABEL: Record<string, string> = {
  named_user: 'Named user',
  concurrent: 'Concurrent',
  site: 'Site',
  flat: 'Flat fee',
};
