// Dates in vendors' exports, read per column.
import { describe, expect, it } from 'vitest';
import { parseDates } from '../../server/domain/csv/dates.ts';

const cells = (...values: string[]) => values.map((value, i) => ({ row: i + 2, value }));

describe('parseDates', () => {
  it.each<[string, string, string | null]>([
    ['ISO day', '2026-11-03', '2026-11-03'],
    ['ISO with zone, converted to the UTC day', '2026-11-03T23:30:00-05:00', '2026-11-04'],
    ['ISO with Z and milliseconds', '2026-11-03T10:00:00.123Z', '2026-11-03'],
    ['ISO date and time without a zone keeps the written day', '2026-11-03 23:59:59', '2026-11-03'],
    ['year first with slashes', '2026/11/03', '2026-11-03'],
    ['European dots', '03.11.2026', '2026-11-03'],
    ['European dots with time', '03.11.2026 14:05', '2026-11-03'],
    ['month name first', 'Nov 3, 2026', '2026-11-03'],
    ['full month name with time', 'November 3, 2026 10:42 AM', '2026-11-03'],
    ['day first with month name', '3 November 2026', '2026-11-03'],
    ['weekday prefix (RFC 2822)', 'Tue, 03 Nov 2026 10:00:00 GMT', '2026-11-03'],
    ['epoch seconds', '1793750400', '2026-11-04'],
    ['epoch milliseconds', '1793750400000', '2026-11-04'],
    ['never', 'Never', null],
    ['empty', '', null],
    ['a dash', '-', null],
  ])('%s: %s', (_name, value, expected) => {
    expect(parseDates(cells(value), 'Last active').days).toEqual([expected]);
  });

  it('reads slash dates as day/month when a value shows a day above 12', () => {
    expect(parseDates(cells('03/11/2026', '25/10/2026'), 'Last login')).toEqual({
      days: ['2026-11-03', '2026-10-25'],
      warning: null,
    });
  });

  it('reads slash dates as month/day when a value shows a day above 12, with AM/PM times', () => {
    expect(parseDates(cells('11/03/2026 9:15 PM', '10/25/2026'), 'Last login').days).toEqual([
      '2026-11-03',
      '2026-10-25',
    ]);
  });

  it('reads an all-ambiguous column as month/day and says so', () => {
    const parsed = parseDates(cells('03/04/2026', '01/02/26'), 'Last seen');
    expect(parsed.days).toEqual(['2026-03-04', '2026-01-02']);
    expect(parsed.warning).toMatch(/column "Last seen" could be month\/day or day\/month/);
  });

  it.each<[string, string[], RegExp]>([
    ['text that is no date', ['2026-11-03', 'yesterday'], /^Row 3: "yesterday" in column "Last active" is not a date/],
    ['a day that does not exist', ['2026-02-30'], /^Row 2: "2026-02-30"/],
    ['day/month and month/day mixed', ['25/10/2026', '10/25/2026'], /mixes month\/day .* and day\/month/],
    ['a slash date that does not exist', ['02/30/2026'], /not a real calendar day/],
  ])('rejects %s with the row and column', (_name, values, message) => {
    expect(() => parseDates(cells(...values), 'Last active')).toThrow(message);
  });
});
