// The usage index: pairs replaced and removed, people counted above a threshold, peaks within the rule's window.
import { describe, expect, it } from 'vitest';
import { UsageIndex } from '../../server/domain/usage-index.ts';

const AS_OF = '2026-11-20';
const pair = (personId: number, appId: string, seconds: number[], firstDay = '2026-11-01') => ({
  personId,
  appId,
  firstDay,
  seconds,
});

describe('UsageIndex.activePeople', () => {
  const index = new UsageIndex(AS_OF, [30, 60]);
  index.setPair(1, 'slack', pair(1, 'slack', [0, 120]));
  index.setPair(2, 'slack', pair(2, 'slack', [59, 59]));
  index.setPair(3, 'slack', pair(3, 'slack', [60, 600]));
  index.setPair(4, 'slack', pair(4, 'slack', [3_600, 3_600]));
  index.setPair(5, 'zoom', pair(5, 'zoom', [9_000, 9_000]));

  it.each([
    { windowDays: 30, minSeconds: 0, people: 3 },
    { windowDays: 30, minSeconds: 60, people: 2 },
    { windowDays: 30, minSeconds: 3_600, people: 1 },
    { windowDays: 30, minSeconds: 3_601, people: 0 },
    { windowDays: 60, minSeconds: 0, people: 4 },
    { windowDays: 60, minSeconds: 120, people: 3 },
    { windowDays: 90, minSeconds: 0, people: 0 },
  ])('$windowDays-day window, at least $minSeconds s: $people', ({ windowDays, minSeconds, people }) => {
    expect(index.activePeople('slack', windowDays, minSeconds)).toBe(people);
  });

  it('counts again after a pair changes or goes', () => {
    const changing = new UsageIndex(AS_OF, [30]);
    changing.setPair(1, 'slack', pair(1, 'slack', [600]));
    changing.setPair(2, 'slack', pair(2, 'slack', [600]));
    expect(changing.activePeople('slack', 30, 60)).toBe(2);
    changing.setPair(1, 'slack', pair(1, 'slack', [30]));
    expect(changing.activePeople('slack', 30, 60)).toBe(1);
    changing.setPair(2, 'slack', null);
    expect(changing.activePeople('slack', 30, 60)).toBe(0);
    expect(changing.pair(2, 'slack')).toBeUndefined();
    expect(changing.secondsIn(30, 1, 'slack')).toBe(30);
  });
});

describe('UsageIndex.peak', () => {
  const rule = { windowDays: 7, minActiveMinutes: 1 };
  it.each([
    { days: { '2026-11-20': 4, '2026-11-14': 6 }, peak: 6 },
    { days: { '2026-11-20': 4, '2026-11-13': 9 }, peak: 4 },
    { days: { '2026-11-21': 9, '2026-11-19': 2 }, peak: 2 },
    { days: {}, peak: 0 },
  ])('days $days: $peak', ({ days, peak }) => {
    const index = new UsageIndex(AS_OF, [7]);
    for (const [day, people] of Object.entries(days)) index.setDailyActive(rule, 'zoom', day, people);
    expect(index.peak('zoom', rule)).toBe(peak);
    expect(index.peak('zoom', { windowDays: 7, minActiveMinutes: 30 })).toBe(0);
  });

  it('forgets a day set to nobody', () => {
    const index = new UsageIndex(AS_OF, [7]);
    index.setDailyActive(rule, 'zoom', AS_OF, 5);
    index.setDailyActive(rule, 'zoom', AS_OF, 0);
    expect(index.peak('zoom', rule)).toBe(0);
  });
});
