// The renewals timeline's months: events grouped by month in order, and each month's renewing money per currency.
import { describe, expect, it } from 'vitest';
import { byMonth, renewingByCurrency } from '../../dashboard/src/lib/renewal-timeline.ts';

type Event = { day: string; kind: 'notice' | 'renewal'; currency: string; annualCost: number };
const event = (day: string, kind: Event['kind'] = 'renewal', currency = 'EUR', annualCost = 100): Event => ({
  day,
  kind,
  currency,
  annualCost,
});

describe('renewal timeline', () => {
  it.each<[string, Event[], [string, string[]][]]>([
    ['nothing ahead', [], []],
    ['one month', [event('2026-12-03'), event('2026-12-20')], [['2026-12', ['2026-12-03', '2026-12-20']]]],
    [
      'across a year end, in the order given',
      [event('2026-12-30'), event('2027-01-02'), event('2027-01-15')],
      [
        ['2026-12', ['2026-12-30']],
        ['2027-01', ['2027-01-02', '2027-01-15']],
      ],
    ],
  ])('groups %s by month', (_name, events, months) => {
    expect(byMonth(events).map(([month, items]) => [month, items.map((e) => e.day)])).toEqual(months);
  });

  it.each<[string, Event[], [string, number][]]>([
    ['no events', [], []],
    ['a notice deadline costs nothing', [event('2026-12-01', 'notice')], []],
    [
      'two renewals in one currency add up',
      [event('2026-12-01'), event('2026-12-09', 'renewal', 'EUR', 50)],
      [['EUR', 150]],
    ],
    [
      'currencies are never added together',
      [event('2026-12-01', 'renewal', 'EUR', 100), event('2026-12-02', 'renewal', 'USD', 70)],
      [
        ['EUR', 100],
        ['USD', 70],
      ],
    ],
  ])('sums the money renewing: %s', (_name, events, sums) => {
    expect(renewingByCurrency(events)).toEqual(sums);
  });
});
