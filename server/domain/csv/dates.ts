// Dates as vendors' exports write them: ISO, US and European numeric dates, month names, epoch seconds or
// milliseconds, and "never". Slash dates are read as month/day or day/month per column, decided by the values.
import { CsvError } from './errors.ts';

export type DateCell = { row: number; value: string };
export type ParsedDates = { days: (string | null)[]; warning: string | null };

const NO_DATE = new Set([
  '',
  '-',
  '--',
  'never',
  'n/a',
  'na',
  'none',
  'null',
  'never logged in',
  'not yet',
  'no activity',
]);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const TIME = String.raw`(?:,?[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?`;
const ZONE = String.raw`\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?`;
const ISO_DAY = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}${ZONE}$`, 'i');
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;
const SLASH = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})${TIME}${ZONE}$`, 'i');
const DOTTED = new RegExp(String.raw`^(\d{1,2})[.-](\d{1,2})[.-](\d{4})${TIME}${ZONE}$`, 'i');
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(?:[a-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})${TIME}${ZONE}$`,
  'i',
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}$`,
  'i',
);
const EPOCH = /^\d{9,13}$/;

function day(year: number, month: number, dayOfMonth: number): string | null {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

type Reading =
  | { kind: 'day'; day: string }
  | { kind: 'slash'; first: number; second: number; year: number }
  | { kind: 'bad' };

function read(value: string): Reading {
  if (ISO_ZONED.test(value)) {
    const at = new Date(value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(at.getTime())) return { kind: 'day', day: at.toISOString().slice(0, 10) };
  }
  let m = ISO_DAY.exec(value);
  if (m) {
    const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { kind: 'day', day: d } : { kind: 'bad' };
  }
  m = SLASH.exec(value);
  if (m) return { kind: 'slash', first: Number(m[1]), second: Number(m[2]), year: fullYear(m[3]!) };
  m = DOTTED.exec(value);
  if (m) {
    const d = day(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { kind: 'day', day: d } : { kind: 'bad' };
  }
  m = DAY_MONTH_NAME.exec(value);
  if (m && monthNumber(m[2]!) > 0) {
    const d = day(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
    return d ? { kind: 'day', day: d } : { kind: 'bad' };
  }
  m = MONTH_NAME_DAY.exec(value);
  if (m && monthNumber(m[1]!) > 0) {
    const d = day(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
    return d ? { kind: 'day', day: d } : { kind: 'bad' };
  }
  if (EPOCH.test(value)) {
    const ms = value.length >= 12 ? Number(value) : Number(value) * 1000;
    return { kind: 'day', day: new Date(ms).toISOString().slice(0, 10) };
  }
  return { kind: 'bad' };
}

/** Reads a column of dates; every value must be a date or an explicit "no date", else the file is rejected. */
export function parseDates(cells: readonly DateCell[], column: string): ParsedDates {
  const readings = cells.map((cell) => {
    const value = cell.value.trim();
    if (NO_DATE.has(value.toLowerCase())) return { cell, reading: null };
    const reading = read(value);
    if (reading.kind === 'bad') {
      throw new CsvError(
        cell.row,
        `"${value}" in column "${column}" is not a date this import can read ` +
          '(for example 2026-11-03, 11/03/2026, 03.11.2026, Nov 3, 2026 or epoch seconds)',
      );
    }
    return { cell, reading };
  });
  const slashes = readings.flatMap((r) => (r.reading?.kind === 'slash' ? [{ cell: r.cell, ...r.reading }] : []));
  const dayFirst = slashes.find((s) => s.first > 12);
  const monthFirst = slashes.find((s) => s.second > 12);
  if (dayFirst && monthFirst) {
    throw new CsvError(
      monthFirst.cell.row,
      `column "${column}" mixes month/day ("${monthFirst.cell.value}") ` +
        `and day/month ("${dayFirst.cell.value}", row ${dayFirst.cell.row}) dates`,
    );
  }
  const european = dayFirst !== undefined;
  const warning =
    slashes.length > 0 && !dayFirst && !monthFirst
      ? `Every date in column "${column}" could be month/day or day/month (e.g. "${slashes[0]!.cell.value}"); ` +
        'they were read as month/day (US).'
      : null;
  const days = readings.map(({ cell, reading }) => {
    if (reading === null) return null;
    if (reading.kind === 'day') return reading.day;
    if (reading.kind !== 'slash') return null;
    const d = european
      ? day(reading.year, reading.second, reading.first)
      : day(reading.year, reading.first, reading.second);
    if (!d) throw new CsvError(cell.row, `"${cell.value}" in column "${column}" is not a real calendar day`);
    return d;
  });
  return { days, warning };
}
