// Which as-of days the server keeps its reconciliation built for: today, and tomorrow from a while before midnight UTC.
import { expect, it } from 'vitest';
import { daysKeptReady } from '../../server/domain/days.ts';

const AHEAD = 20 * 60_000;

it.each<[string, string[]]>([
  ['2026-12-01T00:00:00.000Z', ['2026-12-01']],
  ['2026-12-01T12:00:00.000Z', ['2026-12-01']],
  ['2026-12-01T23:39:59.999Z', ['2026-12-01']],
  ['2026-12-01T23:40:00.000Z', ['2026-12-01', '2026-12-02']],
  ['2026-12-01T23:59:59.999Z', ['2026-12-01', '2026-12-02']],
  ['2026-12-31T23:50:00.000Z', ['2026-12-31', '2027-01-01']],
  ['2028-02-28T23:45:00.000Z', ['2028-02-28', '2028-02-29']],
])('at %s: %j', (at, days) => {
  expect(daysKeptReady(new Date(at), AHEAD)).toEqual(days);
});
