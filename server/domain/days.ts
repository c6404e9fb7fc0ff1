// Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC so no local zone can shift a day.

const MS_PER_DAY = 86_400_000;

// Reconciliation converts the same few hundred days tens of thousands of times; parsing dates is the slow part.
const epochDays = new Map<string, number>();
const MAX_REMEMBERED_DAYS = 4_096;
// Every seat's window check asks for the same few window starts.
const windowStarts = new Map<string, string>();

export function dayToEpochDay(day: string): number {
  let epochDay = epochDays.get(day);
  if (epochDay === undefined) {
    epochDay = Math.floor(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
    if (epochDays.size >= MAX_REMEMBERED_DAYS) epochDays.clear();
    epochDays.set(day, epochDay);
  }
  return epochDay;
}

export function epochDayToDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return epochDayToDay(dayToEpochDay(day) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayToEpochDay(to) - dayToEpochDay(from);
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day of the window of `windowDays` days that ends with `asOf`. */
export function windowStart(asOf: string, windowDays: number): string {
  const key = `${asOf}/${windowDays}`;
  let start = windowStarts.get(key);
  if (start === undefined) {
    start = addDays(asOf, -(windowDays - 1));
    if (windowStarts.size >= MAX_REMEMBERED_DAYS) windowStarts.clear();
    windowStarts.set(key, start);
  }
  return start;
}

/**
 * The as-of days whose reconciliation is kept ready at `at`: today, and from `aheadMs` before midnight UTC also
 * tomorrow, so the first read of a new day finds its figures built instead of building them.
 */
export function daysKeptReady(at: Date, aheadMs: number): string[] {
  const today = utcDay(at);
  const untilMidnight = (dayToEpochDay(today) + 1) * MS_PER_DAY - at.getTime();
  return untilMidnight <= aheadMs ? [today, addDays(today, 1)] : [today];
}
