// Table tests of the pure tracker: which browser situations earn active time, visits, day split and gap rule.
import { describe, expect, it } from 'vitest';
import {
  initialTrackerState,
  step,
  type TrackerEvent,
  WINDOW_ID_NONE,
  type WindowView,
} from '../../extension/lib/attention-tracker';
import { calendarFromOffset } from '../../extension/lib/calendar';
import { catalogMatcher } from '../../extension/lib/catalog-match';
import { addToTotals, type Totals } from '../../extension/lib/day-totals';

const appOf = catalogMatcher([
  { id: 'slack', name: 'Slack', domains: ['slack.com'] },
  { id: 'salesforce', name: 'Salesforce', domains: ['salesforce.com', 'force.com'] },
  { id: 'lightning', name: 'Lightning', domains: ['lightning.force.com'] },
]);
const utc = calendarFromOffset(() => 0);
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

const tab = (tabId: number, host: string | null, audible = false) => ({ tabId, host, audible });
const win = (host: string | null, extra: Partial<WindowView> = {}): WindowView => ({
  incognito: false,
  normal: true,
  tab: tab(10, host),
  ...extra,
});
/** Window 1 focused, its active tab 10 on Slack, the person active. */
const start = (windows: Record<string, WindowView> = { 1: win('app.slack.com') }): TrackerEvent => ({
  type: 'snapshot',
  focusedWindowId: 1,
  windows,
  idle: 'active',
});
const tick: TrackerEvent = { type: 'tick' };

type Timeline = [seconds: number, event: TrackerEvent][];

function run(timeline: Timeline, calendar = utc, t0 = T0) {
  let state = initialTrackerState;
  let totals: Totals = {};
  for (const [seconds, event] of timeline) {
    const result = step(state, event, { now: t0 + seconds * 1000, appOf, calendar });
    state = result.state;
    totals = addToTotals(totals, result.segments, result.visits);
  }
  const seconds: Record<string, number> = {};
  const visits: Record<string, number> = {};
  for (const [key, total] of Object.entries(totals)) {
    const appId = key.split('|')[1]!;
    seconds[appId] = (seconds[appId] ?? 0) + total.activeMs / 1000;
    if (total.visits) visits[appId] = (visits[appId] ?? 0) + total.visits;
  }
  return { seconds, visits, totals, state };
}

describe('tracker: what earns active time', () => {
  it.each<[string, Timeline, Record<string, number>]>([
    [
      'ticks on a focused catalog tab',
      [
        [0, start()],
        [60, tick],
        [120, tick],
      ],
      { slack: 120 },
    ],
    [
      'focus leaves the browser',
      [
        [0, start()],
        [30, { type: 'focus', windowId: WINDOW_ID_NONE }],
        [90, tick],
      ],
      { slack: 30 },
    ],
    [
      'focus leaves and comes back',
      [
        [0, start()],
        [30, { type: 'focus', windowId: WINDOW_ID_NONE }],
        [50, { type: 'focus', windowId: 1 }],
        [80, tick],
      ],
      { slack: 60 },
    ],
    [
      'focus moves to another window on a non-catalog site',
      [
        [0, start({ 1: win('app.slack.com'), 2: win('example.org') })],
        [20, { type: 'focus', windowId: 2 }],
        [60, tick],
      ],
      { slack: 20 },
    ],
    [
      'focus moves to a new window whose tab is given with the event',
      [
        [0, start()],
        [
          20,
          { type: 'focus', windowId: 3, window: { incognito: false, normal: true }, tab: tab(30, 'eu.salesforce.com') },
        ],
        [60, tick],
      ],
      { slack: 20, salesforce: 40 },
    ],
    [
      'tab activation switches app',
      [
        [0, start()],
        [20, { type: 'activate', windowId: 1, tab: tab(11, 'acme.my.salesforce.com') }],
        [60, tick],
      ],
      { slack: 20, salesforce: 40 },
    ],
    [
      'activation in an unfocused window changes nothing now',
      [
        [0, start({ 1: win('app.slack.com'), 2: win('example.org') })],
        [20, { type: 'activate', windowId: 2, tab: tab(21, 'x.salesforce.com') }],
        [60, tick],
      ],
      { slack: 60 },
    ],
    [
      'navigation to another app',
      [
        [0, start()],
        [45, { type: 'update', windowId: 1, tabId: 10, host: 'eu1.salesforce.com' }],
        [90, tick],
      ],
      { slack: 45, salesforce: 45 },
    ],
    [
      'closing an unfocused window changes nothing',
      [
        [0, start({ 1: win('app.slack.com'), 2: win('example.org') })],
        [20, { type: 'remove', windowId: 2, tabId: 20, windowClosing: true }],
        [60, tick],
      ],
      { slack: 60 },
    ],
    [
      'a locked screen stops the count even with sound playing',
      [
        [0, start()],
        [10, { type: 'update', windowId: 1, tabId: 10, audible: true }],
        [40, { type: 'idle', state: 'locked' }],
        [100, tick],
      ],
      { slack: 40 },
    ],
    [
      'duplicate idle events count once',
      [
        [0, start()],
        [40, { type: 'idle', state: 'idle' }],
        [40, { type: 'idle', state: 'idle' }],
        [70, { type: 'idle', state: 'active' }],
        [70, { type: 'idle', state: 'active' }],
        [100, tick],
      ],
      { slack: 70 },
    ],
    [
      'a late focus-leave arriving after a newer tick is applied at the newer time',
      [
        [0, start()],
        [60, tick],
        [59, { type: 'focus', windowId: WINDOW_ID_NONE }],
        [70, { type: 'focus', windowId: 1 }],
        [80, tick],
      ],
      { slack: 70 },
    ],
    [
      'navigation to a non-catalog host',
      [
        [0, start()],
        [45, { type: 'update', windowId: 1, tabId: 10, host: 'example.org' }],
        [90, tick],
      ],
      { slack: 45 },
    ],
    [
      'navigation to another app',
      [
        [0, start()],
        [45, { type: 'update', windowId: 1, tabId: 10, host: 'x.force.com' }],
        [90, tick],
      ],
      { slack: 45, salesforce: 45 },
    ],
    [
      'navigation of a background tab is ignored',
      [
        [0, start()],
        [10, { type: 'update', windowId: 1, tabId: 99, host: 'example.org' }],
        [60, tick],
      ],
      { slack: 60 },
    ],
    [
      'closing the active tab',
      [
        [0, start()],
        [15, { type: 'remove', windowId: 1, tabId: 10 }],
        [60, tick],
      ],
      { slack: 15 },
    ],
    [
      'closing another tab',
      [
        [0, start()],
        [15, { type: 'remove', windowId: 1, tabId: 12 }],
        [60, tick],
      ],
      { slack: 60 },
    ],
    [
      'closing the window',
      [
        [0, start()],
        [25, { type: 'remove', windowId: 1, tabId: 10, windowClosing: true }],
        [60, tick],
      ],
      { slack: 25 },
    ],
    [
      'idle',
      [
        [0, start()],
        [40, { type: 'idle', state: 'idle' }],
        [100, tick],
      ],
      { slack: 40 },
    ],
    [
      'locked',
      [
        [0, start()],
        [40, { type: 'idle', state: 'locked' }],
        [100, tick],
      ],
      { slack: 40 },
    ],
    [
      'back from idle',
      [
        [0, start()],
        [40, { type: 'idle', state: 'idle' }],
        [70, { type: 'idle', state: 'active' }],
        [100, tick],
      ],
      { slack: 70 },
    ],
    [
      'an audible tab counts while idle',
      [
        [0, start()],
        [10, { type: 'update', windowId: 1, tabId: 10, audible: true }],
        [40, { type: 'idle', state: 'idle' }],
        [100, tick],
      ],
      { slack: 100 },
    ],
    [
      'sound stopping while idle stops the count',
      [
        [0, start({ 1: win(null, { tab: tab(10, 'app.slack.com', true) }) })],
        [40, { type: 'idle', state: 'idle' }],
        [70, { type: 'update', windowId: 1, tabId: 10, audible: false }],
        [100, tick],
      ],
      { slack: 70 },
    ],
    [
      'an incognito window never counts',
      [
        [0, start({ 1: win('app.slack.com', { incognito: true }) })],
        [60, tick],
      ],
      {},
    ],
    [
      'a popup-type window never counts',
      [
        [0, start({ 1: win('app.slack.com', { normal: false }) })],
        [60, tick],
      ],
      {},
    ],
    [
      'activation of an incognito tab never counts',
      [
        [0, start()],
        [20, { type: 'activate', windowId: 1, tab: tab(11, 'app.slack.com'), incognito: true }],
        [60, tick],
      ],
      { slack: 20 },
    ],
    [
      'longest domain suffix wins',
      [
        [0, start({ 1: win('na1.lightning.force.com') })],
        [60, tick],
      ],
      { lightning: 60 },
    ],
    [
      'a look-alike domain is not the app',
      [
        [0, start({ 1: win('notslack.com') })],
        [60, tick],
      ],
      {},
    ],
    [
      'no focused window at start',
      [
        [
          0,
          { type: 'snapshot', focusedWindowId: WINDOW_ID_NONE, windows: { 1: win('app.slack.com') }, idle: 'active' },
        ],
        [60, tick],
      ],
      {},
    ],
    // Gap rule: ticks every 60 s; after more than 90 s of silence only time up to the last tick counts.
    [
      'a gap longer than tick + slack counts only to the last tick',
      [
        [0, start()],
        [60, tick],
        [660, tick],
      ],
      { slack: 60 },
    ],
    [
      'counting resumes after a gap',
      [
        [0, start()],
        [60, tick],
        [660, tick],
        [720, tick],
      ],
      { slack: 120 },
    ],
    [
      'a gap within tick + slack counts in full',
      [
        [0, start()],
        [60, tick],
        [150, tick],
      ],
      { slack: 150 },
    ],
    [
      'an event after a gap also counts only to the last tick',
      [
        [0, start()],
        [60, tick],
        [400, { type: 'focus', windowId: WINDOW_ID_NONE }],
      ],
      { slack: 60 },
    ],
    [
      'duplicate events count once',
      [
        [0, start()],
        [20, { type: 'activate', windowId: 1, tab: tab(10, 'app.slack.com') }],
        [20, { type: 'activate', windowId: 1, tab: tab(10, 'app.slack.com') }],
        [60, tick],
        [60, tick],
      ],
      { slack: 60 },
    ],
    [
      'an out-of-order event never moves time backwards',
      [
        [0, start()],
        [60, tick],
        [30, { type: 'focus', windowId: WINDOW_ID_NONE }],
        [120, tick],
      ],
      { slack: 60 },
    ],
  ])('%s', (_name, timeline, expected) => {
    expect(run(timeline).seconds).toEqual(expected);
  });
});

describe('tracker: visits', () => {
  it.each<[string, Timeline, Record<string, number>]>([
    [
      'one stretch is one visit',
      [
        [0, start()],
        [60, tick],
        [120, tick],
      ],
      { slack: 1 },
    ],
    [
      'leaving for another app and returning is a new visit',
      [
        [0, start()],
        [20, { type: 'activate', windowId: 1, tab: tab(11, 'x.salesforce.com') }],
        [40, { type: 'activate', windowId: 1, tab: tab(10, 'app.slack.com') }],
      ],
      { slack: 2, salesforce: 1 },
    ],
    [
      'a short idle break continues the visit',
      [
        [0, start()],
        [40, { type: 'idle', state: 'idle' }],
        [340, { type: 'idle', state: 'active' }],
      ],
      { slack: 1 },
    ],
    [
      'a long absence starts a new visit',
      [
        [0, start()],
        [40, { type: 'idle', state: 'idle' }],
        [40 + 31 * 60, { type: 'idle', state: 'active' }],
      ],
      { slack: 2 },
    ],
    [
      'duplicate activations are one visit',
      [
        [0, start()],
        [5, { type: 'activate', windowId: 1, tab: tab(10, 'app.slack.com') }],
        [5, { type: 'activate', windowId: 1, tab: tab(10, 'app.slack.com') }],
      ],
      { slack: 1 },
    ],
  ])('%s', (_name, timeline, expected) => {
    expect(run(timeline).visits).toEqual(expected);
  });
});

describe('tracker: local days', () => {
  // UTC+2: local midnight of 21 November is 22:00 UTC on the 20th.
  const plusTwo = calendarFromOffset(() => 120);
  const beforeMidnight = Date.UTC(2026, 10, 20, 21, 59, 30);

  it.each<[string, number, Timeline, Record<string, number>]>([
    [
      'a segment crossing local midnight is split',
      beforeMidnight,
      [
        [0, start()],
        [60, tick],
      ],
      { '2026-11-20|slack': 30, '2026-11-21|slack': 30 },
    ],
    [
      'a segment ending exactly at midnight stays on its day',
      beforeMidnight,
      [
        [0, start()],
        [30, tick],
      ],
      { '2026-11-20|slack': 30 },
    ],
    [
      'a segment starting at midnight belongs to the new day',
      beforeMidnight + 30_000,
      [
        [0, start()],
        [45, tick],
      ],
      { '2026-11-21|slack': 45 },
    ],
  ])('%s', (_name, t0, timeline, expected) => {
    const { totals } = run(timeline, plusTwo, t0);
    const seconds = Object.fromEntries(Object.entries(totals).map(([key, total]) => [key, total.activeMs / 1000]));
    expect(seconds).toEqual(expected);
  });

  it('counts the visit on the local day it started', () => {
    const { totals } = run(
      [
        [0, start()],
        [60, tick],
      ],
      plusTwo,
      beforeMidnight,
    );
    expect(totals['2026-11-20|slack']?.visits).toBe(1);
    expect(totals['2026-11-21|slack']?.visits).toBe(0);
  });

  it('records lastActiveAt as the end of the latest segment', () => {
    const { totals } = run([
      [0, start()],
      [60, tick],
    ]);
    expect(totals['2026-11-20|slack']?.lastActiveAt).toBe(T0 + 60_000);
  });

  it.each([
    // A DST night: the offset changes from +60 to +120 at 01:00 UTC on 29 March.
    ['DST spring-forward day', Date.UTC(2026, 2, 29, 12, 0, 0), Date.UTC(2026, 2, 29, 22, 0, 0)],
    ['ordinary day', Date.UTC(2026, 2, 20, 12, 0, 0), Date.UTC(2026, 2, 20, 23, 0, 0)],
  ])('finds local midnight on a %s', (_name, at, expected) => {
    const europe = calendarFromOffset((ms) => (ms >= Date.UTC(2026, 2, 29, 1) ? 120 : 60));
    expect(europe.nextDayStart(at)).toBe(expected);
  });
});
