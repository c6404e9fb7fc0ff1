// Which days a device may report usage for.
import { describe, expect, it } from 'vitest';
import { checkUsageDays, usageDayBounds } from '../../server/domain/usage-rules.ts';

const now = new Date('2026-11-20T12:00:00Z');

describe('usage day bounds', () => {
  it('allows up to the tomorrow of the furthest-ahead zone and 400 days back', () => {
    expect(usageDayBounds(now)).toEqual({ earliest: '2025-10-16', latest: '2026-11-22' });
  });

  it.each([
    ['2026-11-20', null],
    ['2026-11-22', null],
    ['2025-10-16', null],
    ['2026-11-23', 'records.0.day: 2026-11-23 is in the future (latest accepted is 2026-11-22).'],
    ['2025-10-15', 'records.0.day: 2025-10-15 is older than 400 days (earliest accepted is 2025-10-16).'],
  ])('day %s -> %s', (day, expected) => {
    expect(checkUsageDays([{ day }], now)).toBe(expected);
  });
});
