// Checks state read back from extension storage: a broken value is named and replaced, and only that value is lost.

import { initialTrackerState, type TrackerState } from './attention-tracker';
import type { DayTotal, Totals } from './day-totals';

// Hand-written checks, not zod: zod/mini alone would add ~20 kB to a background bundle that must stay under 40 kB.
const TOTALS_KEY = /^\d{4}-\d{2}-\d{2}\|.+$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isTimeOrNull = (v: unknown) => v === null || isTime(v);

function isDayTotal(v: unknown): v is DayTotal {
  return (
    isObject(v) &&
    isCount(v.activeMs) &&
    isCount(v.visits) &&
    Number.isInteger(v.visits) &&
    isTimeOrNull(v.lastActiveAt)
  );
}

function isTabView(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.tabId === 'number' &&
    (v.host === null || typeof v.host === 'string') &&
    typeof v.audible === 'boolean'
  );
}

function isTrackerState(v: unknown): v is TrackerState {
  if (!isObject(v) || typeof v.focusedWindowId !== 'number' || !isObject(v.windows)) return false;
  const windowsOk = Object.values(v.windows).every(
    (w) =>
      isObject(w) &&
      typeof w.incognito === 'boolean' &&
      typeof w.normal === 'boolean' &&
      (w.tab === null || isTabView(w.tab)),
  );
  const open = v.open;
  const openOk = open === null || (isObject(open) && typeof open.appId === 'string' && isTime(open.since));
  return (
    windowsOk &&
    openOk &&
    (v.idle === 'active' || v.idle === 'idle' || v.idle === 'locked') &&
    isTimeOrNull(v.lastSeenAt) &&
    (v.lastApp === null || typeof v.lastApp === 'string') &&
    isTimeOrNull(v.lastCountedAt)
  );
}

export type Checked<T> = { value: T; problems: string[] };

/** Keeps every readable day total; each unreadable one is dropped with a sentence saying which. */
export function checkTotals(raw: unknown): Checked<Totals> {
  if (raw === undefined || raw === null) return { value: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { value: {}, problems: [`Stored usage totals were unreadable (${describe(raw)}) and were reset.`] };
  }
  const value: Totals = {};
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    if (isDayTotal(entry) && TOTALS_KEY.test(key)) value[key] = entry;
    else
      problems.push(
        `Stored usage total "${key}" was unreadable (${describe(entry)}) and was dropped; other days are kept.`,
      );
  }
  return { value, problems };
}

/** A broken tracker state (an older version, a torn write) restarts tracking cleanly; the totals are untouched. */
export function checkTracker(raw: unknown): Checked<TrackerState> {
  if (raw === undefined || raw === null) return { value: initialTrackerState, problems: [] };
  if (isTrackerState(raw)) return { value: raw, problems: [] };
  return {
    value: initialTrackerState,
    problems: [`Stored tracking state was unreadable (${describe(raw)}); tracking restarted from now.`],
  };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
