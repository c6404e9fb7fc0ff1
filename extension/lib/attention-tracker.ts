// Pure attention tracker: browser events and `now` in, closed per-day segments, visits and the next state out.

import type { Calendar } from './calendar';
import type { AppMatcher } from './catalog-match';

export const WINDOW_ID_NONE = -1;
/** Alarms tick every minute; anything longer than tick + slack means the machine slept or the worker was gone. */
export const TICK_MS = 60_000;
export const TICK_SLACK_MS = 30_000;
/** Coming back to the same app within this time continues the visit instead of starting a new one. */
export const VISIT_GAP_MS = 30 * 60_000;

export type IdleState = 'active' | 'idle' | 'locked';

/** All that is kept of a tab: never its URL or title. */
export type TabView = { tabId: number; host: string | null; audible: boolean };
export type WindowView = { incognito: boolean; normal: boolean; tab: TabView | null };

export type TrackerState = {
  focusedWindowId: number;
  /** Active tab per window, keyed by window id. */
  windows: Record<string, WindowView>;
  idle: IdleState;
  /** Time already counted into the totals up to `since`; counting continues from there. */
  open: { appId: string; since: number } | null;
  /** Time of the last event or tick, for the gap rule and to ignore clocks running backwards. */
  lastSeenAt: number | null;
  /** The app counted last and when, to tell a new visit from a return after a short break. */
  lastApp: string | null;
  lastCountedAt: number | null;
};

export type TrackerEvent =
  | { type: 'tick' }
  | { type: 'focus'; windowId: number; window?: { incognito: boolean; normal: boolean }; tab?: TabView | null }
  | { type: 'activate'; windowId: number; tab: TabView; incognito?: boolean }
  | { type: 'update'; windowId: number; tabId: number; host?: string | null; audible?: boolean }
  | { type: 'remove'; windowId: number; tabId: number; windowClosing?: boolean }
  | { type: 'idle'; state: IdleState }
  | { type: 'snapshot'; focusedWindowId: number; windows: Record<string, WindowView>; idle: IdleState };

export type Segment = { appId: string; day: string; start: number; end: number };
export type Visit = { appId: string; day: string; at: number };
export type StepContext = { now: number; appOf: AppMatcher; calendar: Calendar };
export type StepResult = { state: TrackerState; segments: Segment[]; visits: Visit[] };

export const initialTrackerState: TrackerState = {
  focusedWindowId: WINDOW_ID_NONE,
  windows: {},
  idle: 'active',
  open: null,
  lastSeenAt: null,
  lastApp: null,
  lastCountedAt: null,
};

/** The app that earns time in this state, or null when nothing counts. */
export function attendedApp(state: TrackerState, appOf: AppMatcher): string | null {
  const window = state.windows[String(state.focusedWindowId)];
  if (!window || window.incognito || !window.normal || !window.tab) return null;
  // A playing tab is a meeting or a lesson: it counts even without keyboard or mouse input. A locked
  // screen does not: the person has left the machine, whatever is still playing.
  if (state.idle === 'locked' || (state.idle === 'idle' && !window.tab.audible)) return null;
  return appOf(window.tab.host);
}

export function splitByDay(appId: string, start: number, end: number, calendar: Calendar): Segment[] {
  const segments: Segment[] = [];
  for (let from = start; from < end; ) {
    const to = Math.min(end, calendar.nextDayStart(from));
    segments.push({ appId, day: calendar.dayOf(from), start: from, end: to });
    from = to;
  }
  return segments;
}

export function step(state: TrackerState, event: TrackerEvent, ctx: StepContext): StepResult {
  // Out-of-order or duplicate events never move time backwards, so nothing is counted twice.
  const at = Math.max(ctx.now, state.lastSeenAt ?? ctx.now);
  const slept = state.lastSeenAt !== null && at - state.lastSeenAt > TICK_MS + TICK_SLACK_MS;
  let segments: Segment[] = [];
  let { lastApp, lastCountedAt } = state;

  if (state.open) {
    // After a gap we cannot know what happened, so only time up to the last sign of life counts.
    const end = Math.max(state.open.since, slept ? (state.lastSeenAt ?? at) : at);
    segments = splitByDay(state.open.appId, state.open.since, end, ctx.calendar);
    lastApp = state.open.appId;
    lastCountedAt = end;
  }

  const next = { ...apply(state, event), lastSeenAt: at, lastApp, lastCountedAt };
  const appId = attendedApp(next, ctx.appOf);
  const visits: Visit[] = [];
  if (appId) {
    const continues = appId === lastApp && lastCountedAt !== null && at - lastCountedAt <= VISIT_GAP_MS;
    if (!continues) visits.push({ appId, day: ctx.calendar.dayOf(at), at });
  }
  next.open = appId ? { appId, since: at } : null;
  return { state: next, segments, visits };
}

function apply(state: TrackerState, event: TrackerEvent): TrackerState {
  const windows = { ...state.windows };
  const key = (id: number) => String(id);
  switch (event.type) {
    case 'tick':
      return state;
    case 'idle':
      return { ...state, idle: event.state };
    case 'snapshot':
      return { ...state, focusedWindowId: event.focusedWindowId, windows: { ...event.windows }, idle: event.idle };
    case 'focus': {
      if (event.windowId !== WINDOW_ID_NONE) {
        const known = windows[key(event.windowId)] ?? { incognito: false, normal: true, tab: null };
        windows[key(event.windowId)] = {
          ...known,
          ...(event.window ?? {}),
          tab: event.tab === undefined ? known.tab : event.tab,
        };
      }
      return { ...state, focusedWindowId: event.windowId, windows };
    }
    case 'activate': {
      const known = windows[key(event.windowId)] ?? { incognito: false, normal: true, tab: null };
      windows[key(event.windowId)] = { ...known, incognito: event.incognito ?? known.incognito, tab: event.tab };
      return { ...state, windows };
    }
    case 'update': {
      const known = windows[key(event.windowId)];
      // Only the active tab matters; background tabs loading pages change nothing.
      if (!known?.tab || known.tab.tabId !== event.tabId) return state;
      const tab = { ...known.tab };
      if (event.host !== undefined) tab.host = event.host;
      if (event.audible !== undefined) tab.audible = event.audible;
      windows[key(event.windowId)] = { ...known, tab };
      return { ...state, windows };
    }
    case 'remove': {
      const known = windows[key(event.windowId)];
      if (event.windowClosing) delete windows[key(event.windowId)];
      else if (known?.tab?.tabId === event.tabId) windows[key(event.windowId)] = { ...known, tab: null };
      else return state;
      return { ...state, windows };
    }
  }
}
