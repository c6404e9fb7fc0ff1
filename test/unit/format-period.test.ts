// A purchase record's period reads as a span, or says which end is open, never "Oct 1, 2026 – –".
import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../../dashboard/src/lib/format.ts';

describe('formatPeriod', () => {
  it.each<[string | null, string | null, string]>([
    ['2026-10-01', '2027-09-30', 'Oct 1, 2026 – Sep 30, 2027'],
    ['2026-10-01', null, 'from Oct 1, 2026'],
    [null, '2027-09-30', 'until Sep 30, 2027'],
    [null, null, '–'],
  ])('%s to %s reads %s', (start, end, text) => {
    expect(formatPeriod(start, end)).toBe(text);
  });
});
