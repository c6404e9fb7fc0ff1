// Trend charts start on the first day with measured use: a table of daily series and what is drawn.
import { describe, expect, it } from 'vitest';
import { fromFirstUse } from '../../dashboard/src/lib/trend.ts';

/** `[0, 0, 3]` -> days 2026-11-01.. with those active counts. */
const series = (counts: number[]) =>
  counts.map((activeUsers, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, activeUsers }));

describe('fromFirstUse', () => {
  it.each<[string, number[], string | null, number[]]>([
    ['leading zeros are dropped', [0, 0, 0, 4, 5], '2026-11-04', [4, 5]],
    [
      'zeros after the first use stay: they are real days without use',
      [0, 2, 0, 0, 3, 0],
      '2026-11-02',
      [2, 0, 0, 3, 0],
    ],
    ['a series that starts with use is kept whole', [1, 0, 2], '2026-11-01', [1, 0, 2]],
    ['only the last day has use', [0, 0, 0, 0, 7], '2026-11-05', [7]],
    ['nobody was ever active: nothing to draw', [0, 0, 0], null, []],
    ['no days at all', [], null, []],
  ])('%s', (_name, counts, firstDay, drawn) => {
    const trimmed = fromFirstUse(series(counts));
    expect(trimmed[0]?.day ?? null).toBe(firstDay);
    expect(trimmed.map((d) => d.activeUsers)).toEqual(drawn);
  });

  it('keeps every field of the days it keeps, and leaves the input alone', () => {
    const days = [
      { day: '2026-11-01', activeUsers: 0, appId: 'slack' },
      { day: '2026-11-02', activeUsers: 3, appId: 'slack' },
    ];
    expect(fromFirstUse(days)).toEqual([{ day: '2026-11-02', activeUsers: 3, appId: 'slack' }]);
    expect(days).toHaveLength(2);
  });
});
