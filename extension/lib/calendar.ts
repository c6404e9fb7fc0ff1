// Local calendar days for a time-zone offset function, so day attribution is testable without the machine's zone.
import { addDays } from '../../server/domain/days';

export const MS_PER_DAY = 86_400_000;

export type Calendar = {
  /** The local day `YYYY-MM-DD` that contains the instant. */
  dayOf(ms: number): string;
  /** The instant the local day after the one containing `ms` starts. */
  nextDayStart(ms: number): number;
};

/** `offsetMinutes(ms)` is minutes east of UTC at that instant (the negation of Date#getTimezoneOffset). */
export function calendarFromOffset(offsetMinutes: (ms: number) => number): Calendar {
  const shift = (ms: number) => ms + offsetMinutes(ms) * 60_000;
  return {
    dayOf: (ms) => new Date(shift(ms)).toISOString().slice(0, 10),
    nextDayStart(ms) {
      const localMidnight = (Math.floor(shift(ms) / MS_PER_DAY) + 1) * MS_PER_DAY;
      const guess = localMidnight - offsetMinutes(ms) * 60_000;
      // Re-read the offset at the boundary itself: a DST change on that night moves midnight.
      const exact = localMidnight - offsetMinutes(guess) * 60_000;
      return exact > ms ? exact : guess;
    },
  };
}

export const localCalendar: Calendar = calendarFromOffset((ms) => -new Date(ms).getTimezoneOffset());

/** The Monday that starts the (ISO) week containing `day`. */
export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday .. 6 Saturday
  return addDays(day, -((weekday + 6) % 7));
}
