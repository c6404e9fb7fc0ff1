// Which usage days a device may report: not after its tomorrow (any time zone), not older than 400 days or the
// retention period, whichever is shorter (DESIGN sections 3 and 10), so ingest never stores what retention deletes.
import type { UsageRecord } from '../contract.ts';
import { addDays, utcDay } from './days.ts';

export const OLDEST_USAGE_DAYS = 400;
/** The furthest-ahead zone is UTC+14, so a device's tomorrow is at most two days after the UTC day. */
const FURTHEST_AHEAD_MS = 14 * 60 * 60 * 1000;

/** How many days back usage is accepted: the smaller of 400 and the retention period. */
export const oldestUsageDays = (retentionDays: number = OLDEST_USAGE_DAYS): number =>
  Math.min(OLDEST_USAGE_DAYS, retentionDays);

/** The first day retention keeps: days before it are deleted (and not accepted). */
export const retentionCutoff = (today: string, retentionDays: number): string => addDays(today, -retentionDays);

export function usageDayBounds(now: Date, retentionDays?: number): { earliest: string; latest: string } {
  return {
    earliest: addDays(utcDay(now), -oldestUsageDays(retentionDays)),
    latest: addDays(utcDay(new Date(now.getTime() + FURTHEST_AHEAD_MS)), 1),
  };
}

/** A sentence naming the first bad day, or null when every record's day is acceptable. */
export function checkUsageDays(
  records: readonly Pick<UsageRecord, 'day'>[],
  now: Date,
  retentionDays?: number,
): string | null {
  const { earliest, latest } = usageDayBounds(now, retentionDays);
  const index = records.findIndex((record) => record.day < earliest || record.day > latest);
  if (index === -1) return null;
  const day = records[index]!.day;
  const days = oldestUsageDays(retentionDays);
  const limit = days < OLDEST_USAGE_DAYS ? `${days} days (the retention period)` : `${days} days`;
  return day > latest
    ? `records.${index}.day: ${day} is in the future (latest accepted is ${latest}).`
    : `records.${index}.day: ${day} is older than ${limit} (earliest accepted is ${earliest}).`;
}
