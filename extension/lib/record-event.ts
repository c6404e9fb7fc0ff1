// Folds one tracker event into the stored tracker state and day totals, as one serialised step.
import { storage } from 'wxt/utils/storage';
import type { AgentEnv } from './agent-env';
import { step, type TrackerEvent, type TrackerState } from './attention-tracker';
import { catalogMatcher } from './catalog-match';
import { addToTotals, pruneDays } from './day-totals';
import * as store from './storage-items';
import { checkTotals, checkTracker } from './stored-value-checks';

/** `now` is when the browser reported the event: callers take it before any await, so a burst keeps its spacing. */
export function recordEvent(
  event: TrackerEvent,
  env: Pick<AgentEnv, 'now' | 'calendar'>,
  now = env.now(),
): Promise<TrackerState> {
  return store.serialize(async () => {
    const [stored, totals, catalog] = await Promise.all([
      store.tracker.getValue(),
      store.totals.getValue(),
      store.catalog.getValue(),
    ]);
    const tracker = checkTracker(stored);
    const checkedTotals = checkTotals(totals);
    const problems = [...tracker.problems, ...checkedTotals.problems];
    if (problems.length > 0) console.error(`seatwise: ${problems.join(' ')}`);
    const state = tracker.value;
    const result = step(state, event, {
      now,
      appOf: catalogMatcher(catalog?.apps ?? []),
      calendar: env.calendar,
    });
    const cleanTotals = problems.length > 0 ? checkedTotals.value : (totals ?? {});
    const nextTotals = pruneDays(addToTotals(cleanTotals, result.segments, result.visits), env.calendar.dayOf(now));
    // One storage.set for both: a worker stopped between two writes would lose or double-count the segment.
    await storage.setItems([
      { item: store.tracker, value: result.state },
      ...(nextTotals !== totals ? [{ item: store.totals, value: nextTotals }] : []),
    ]);
    return result.state;
  });
}
