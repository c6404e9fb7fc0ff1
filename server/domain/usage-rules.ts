// Which usage days a device may report: not after its tomorrow (any time zone), not older than 400 days.
import type { UsageRecord } from '../contract.ts';
import { addDays, utcDay } from './days.ts';

export const OLDEST_USAGE_DAYS = 400;
/** The furthest-ahead zone is UTC+14, so a device's tomorrow is at most two days after the UTC day. */
const FURTHEST_AHEAD_MS = 14 * 60 * 60 * 1000;

export function usageDayBounds(now: Date): { earliest: string; latest: string } {
  return {
    earliest: addDays(utcDay(now), -OLDEST_USAGE_DAYS),
    latest: addDays(utcDay(new Date(now.getTime() + FURTHEST_AHEAD_MS)), 1),
  };
}

/** A sentence naming the first bad day, or null when every record's day is acceptable. */
export function checkUsageDays(records: readonly Pick<UsageRecord, 'day'>[], now: Date): string | null {
  const { earliest, latest } = usageDayBounds(now);
  const index = records.findIndex((record) => record.day < earliest || record.day > latest);
  if (index === -1) return null;
  const day = records[index]!.day;
  return day > latest
    ? `records.${index}.day: ${day} is in the future (latest accepted is ${latest}).`
    : `records.${index}.day: ${day} is older than ${OLDEST_USAGE_DAYS} days (earliest accepted is ${earliest}).`;
}
