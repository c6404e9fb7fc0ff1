// Running totals per (local day, app): folding segments in, pruning old days, and picking what the server has not
// acknowledged.
import type { UsageRecord } from '../../server/contract';
import { addDays } from '../../server/domain/days';
import type { Segment, Visit } from './attention-tracker';

export const KEEP_DAYS = 35;
export const MAX_SECONDS_PER_DAY = 86_400;

/** Milliseconds are kept so that many short segments do not each lose a fraction of a second. */
export type DayTotal = { activeMs: number; visits: number; lastActiveAt: number | null };
/** Keyed `YYYY-MM-DD|appId`, so keys sort by day. */
export type Totals = Record<string, DayTotal>;
/** What the server accepted, per totals key, as it was sent. */
export type Acked = Record<string, UsageRecord>;

/**
 * What earlier devices of this browser already delivered, per totals key. After a re-enrollment the new device
 * reports only the rest: the server sums a person's devices, so resending the whole day would count it twice.
 */
export type Baseline = Record<string, { activeSeconds: number; visits: number }>;

export const totalsKey = (day: string, appId: string) => `${day}|${appId}`;

export function addToTotals(totals: Totals, segments: readonly Segment[], visits: readonly Visit[]): Totals {
  if (segments.length === 0 && visits.length === 0) return totals;
  const next = { ...totals };
  const entry = (day: string, appId: string) => {
    const key = totalsKey(day, appId);
    const total = { ...(next[key] ?? { activeMs: 0, visits: 0, lastActiveAt: null }) };
    next[key] = total;
    return total;
  };
  for (const segment of segments) {
    if (segment.end <= segment.start) continue;
    const total = entry(segment.day, segment.appId);
    total.activeMs += segment.end - segment.start;
    total.lastActiveAt = Math.max(total.lastActiveAt ?? 0, segment.end);
  }
  for (const visit of visits) entry(visit.day, visit.appId).visits += 1;
  return next;
}

/** Drops days older than KEEP_DAYS counting today; works for Totals and Acked alike. */
export function pruneDays<T>(byKey: Record<string, T>, today: string): Record<string, T> {
  const oldest = addDays(today, -(KEEP_DAYS - 1));
  const stale = Object.keys(byKey).filter((key) => key.slice(0, 10) < oldest);
  if (stale.length === 0) return byKey;
  const next = { ...byKey };
  for (const key of stale) delete next[key];
  return next;
}

export function toRecord(key: string, total: DayTotal): UsageRecord {
  const [day = '', appId = ''] = key.split('|');
  // Keys in alphabetical order: Chrome's storage hands objects back sorted, so the popup's copy of
  // the payload then reads exactly like the request body that was sent.
  return {
    activeSeconds: Math.min(MAX_SECONDS_PER_DAY, Math.floor(total.activeMs / 1000)),
    appId,
    day,
    lastActiveAt: total.lastActiveAt === null ? null : new Date(total.lastActiveAt).toISOString(),
    visits: total.visits,
  };
}

/**
 * Records whose running totals (less the baseline) changed since the server last acknowledged them, oldest day
 * first.
 */
export function unackedRecords(
  totals: Totals,
  acked: Acked,
  baseline: Baseline = {},
): { key: string; record: UsageRecord }[] {
  return Object.keys(totals)
    .sort()
    .map((key) => ({ key, record: lessBaseline(toRecord(key, totals[key]!), baseline[key]) }))
    .filter(({ key, record }) => {
      // Nothing new since the previous device delivered it: the new device has nothing to say about that day.
      if (baseline[key] && record.activeSeconds === 0 && record.visits === 0) return false;
      return !sameRecord(acked[key], record);
    });
}

function lessBaseline(record: UsageRecord, base: Baseline[string] | undefined): UsageRecord {
  if (!base) return record;
  return {
    ...record,
    activeSeconds: Math.max(0, record.activeSeconds - base.activeSeconds),
    visits: Math.max(0, record.visits - base.visits),
  };
}

/** At re-enrollment: what the retiring device delivered joins what earlier devices delivered. */
export function retireAcked(baseline: Baseline, acked: Acked): Baseline {
  const next = { ...baseline };
  for (const [key, record] of Object.entries(acked)) {
    const base = next[key] ?? { activeSeconds: 0, visits: 0 };
    next[key] = { activeSeconds: base.activeSeconds + record.activeSeconds, visits: base.visits + record.visits };
  }
  return next;
}

function sameRecord(a: UsageRecord | undefined, b: UsageRecord): boolean {
  return !!a && a.activeSeconds === b.activeSeconds && a.visits === b.visits && a.lastActiveAt === b.lastActiveAt;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
