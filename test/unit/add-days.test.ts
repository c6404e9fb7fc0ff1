// The one addDays (server/domain/days.ts), which the dashboard and the extension use too: plain UTC day arithmetic.
import { describe, expect, it } from 'vitest';
import { addDays as dashboardAddDays } from '../../dashboard/src/lib/format.ts';
import { weekStartOf } from '../../extension/lib/calendar';
import { addDays } from '../../server/domain/days.ts';

describe('addDays', () => {
  it.each<[string, number, string]>([
    ['2026-11-20', 0, '2026-11-20'],
    ['2026-11-20', 1, '2026-11-21'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-11-20', -89, '2026-08-23'],
    ['2026-11-20', 365, '2027-11-20'],
  ])('%s %i days -> %s', (day, delta, expected) => {
    expect(addDays(day, delta)).toBe(expected);
  });

  it('is the function the dashboard formats with', () => {
    expect(dashboardAddDays).toBe(addDays);
  });

  it.each<[string, string]>([
    ['2026-11-16', '2026-11-16'],
    ['2026-11-22', '2026-11-16'],
    ['2026-11-23', '2026-11-23'],
    ['2027-01-01', '2026-12-28'],
  ])("starts the extension's week of %s on %s", (day, monday) => {
    expect(weekStartOf(day)).toBe(monday);
  });
});
