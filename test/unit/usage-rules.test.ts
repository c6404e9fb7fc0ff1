// Which days a device may report usage for: up to its tomorrow, and back the smaller of 400 days and the retention.
import { describe, expect, it } from 'vitest';
import { checkUsageDays, retentionCutoff, usageDayBounds } from '../../server/domain/usage-rules.ts';

const now = new Date('2026-11-20T12:00:00Z');

describe('usage day bounds', () => {
  it('allows up to the tomorrow of the furthest-ahead zone and 400 days back', () => {
    expect(usageDayBounds(now)).toEqual({ earliest: '2025-10-16', latest: '2026-11-22' });
  });

  it.each([
    [undefined, '2025-10-16'],
    [400, '2025-10-16'],
    [3650, '2025-10-16'],
    [120, '2026-07-23'],
    [90, '2026-08-22'],
  ])('with retention %s days the earliest day is %s', (retention, earliest) => {
    expect(usageDayBounds(now, retention).earliest).toBe(earliest);
  });

  it.each([
    ['2026-11-20', undefined, null],
    ['2026-11-22', undefined, null],
    ['2025-10-16', undefined, null],
    ['2026-11-23', undefined, 'records.0.day: 2026-11-23 is in the future (latest accepted is 2026-11-22).'],
    ['2025-10-15', undefined, 'records.0.day: 2025-10-15 is older than 400 days (earliest accepted is 2025-10-16).'],
    ['2025-10-15', 1000, 'records.0.day: 2025-10-15 is older than 400 days (earliest accepted is 2025-10-16).'],
    ['2026-08-22', 90, null],
    [
      '2026-08-21',
      90,
      'records.0.day: 2026-08-21 is older than 90 days (the retention period) (earliest accepted is 2026-08-22).',
    ],
    ['2026-07-23', 120, null],
    ['2026-07-22', 120, expect.stringContaining('older than 120 days (the retention period)')],
  ])('day %s with retention %s -> %s', (day, retention, expected) => {
    expect(checkUsageDays([{ day }], now, retention)).toEqual(expected);
  });

  it.each([
    ['2026-11-20', 90, '2026-08-22'],
    ['2026-11-20', 400, '2025-10-16'],
    ['2026-03-01', 120, '2025-11-01'],
  ])('retention keeps from %s back %s days: first kept day %s', (today, days, cutoff) => {
    expect(retentionCutoff(today, days)).toBe(cutoff);
  });
});
