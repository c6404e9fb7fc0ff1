// Planning spend imports from the exports of Expensify, Ramp, Brex, QuickBooks Online, NetSuite and a generic file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MERCHANT_PATTERNS } from '../../server/catalog/merchant-patterns.ts';
import { CsvError } from '../../server/domain/csv/errors.ts';
import { type MerchantRule, normalisePattern } from '../../server/domain/merchant-match.ts';
import { parseSpendCsv, planSpendImport } from '../../server/domain/spend-import.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/spend', name), 'utf8');
const rules: MerchantRule[] = MERCHANT_PATTERNS.flatMap((entry) =>
  entry.patterns.map((pattern) => ({
    pattern: normalisePattern(pattern),
    appId: entry.appId,
    source: 'catalog' as const,
  })),
);
const plan = (text: string, currency: string | null = null, stored: ReadonlySet<string> = new Set()) =>
  planSpendImport({ csv: parseSpendCsv(text), rules, currency, stored });

describe('exports', () => {
  it.each<[string, string | null, string, [string, number, string, string | null][], [string, number, string][]]>([
    [
      'expensify.csv',
      null,
      'expensify',
      [
        ['2026-09-03', 1500, 'figma', 'ana@example.com'],
        ['2026-10-03', 1500, 'figma', 'ana@example.com'],
        ['2026-10-05', 1500, 'figma', 'ben@example.com'],
        ['2026-10-07', 12000, '', 'cleo@example.com'],
        ['2026-10-12', 450, '', 'ana@example.com'],
        ['2026-10-12', 450, '', 'ana@example.com'],
        ['2026-10-20', -1500, 'figma', 'ben@example.com'],
      ],
      [
        ['SLACKLINE OUTDOOR', 12000, 'EUR'],
        ['BLUE BOTTLE COFFEE', 900, 'USD'],
      ],
    ],
    [
      'expensify-classic.csv',
      null,
      'expensify',
      [
        ['2026-10-01', 800, 'notion', null],
        ['2026-10-02', 45000, '', null],
        ['2026-10-04', 1499, 'zoom', null],
      ],
      [['ZOOMINFO TECHNOLOGIES', 45000, 'USD']],
    ],
    [
      'ramp.csv',
      null,
      'ramp',
      [
        ['2026-10-01', 150000, 'slack', 'dana@example.com'],
        ['2026-11-01', 150000, 'slack', 'dana@example.com'],
        ['2026-11-03', 150000, 'slack', 'dana@example.com'],
        ['2026-10-15', 61200, 'atlassian-jira-confluence', 'dana@example.com'],
        ['2026-10-18', -1250, 'loom', 'dana@example.com'],
      ],
      [],
    ],
    [
      'brex.csv',
      null,
      'brex',
      [
        ['2026-10-04', 14400, 'adobe-creative-cloud', null],
        ['2026-10-09', 2100, 'github', null],
      ],
      [],
    ],
    [
      'quickbooks.csv',
      'USD',
      'quickbooks',
      [
        ['2026-10-01', 240000, 'dropbox', null],
        ['2026-10-14', 9600, 'slack', null],
        ['2026-10-20', 31000, '', null],
        ['2026-10-28', -12000, 'dropbox', null],
      ],
      [['SLACKLINE OUTDOOR', 31000, 'USD']],
    ],
    [
      'netsuite.csv',
      null,
      'netsuite',
      [
        ['2026-10-03', 575000, 'atlassian-jira-confluence', null],
        ['2026-10-17', 320000, 'hubspot', null],
        ['2026-10-25', -40000, 'hubspot', null],
      ],
      [],
    ],
    [
      'generic.csv',
      null,
      'generic',
      [
        ['2026-10-02', 1500, 'figma', 'fay@example.com'],
        ['2026-10-03', 800, 'notion', 'fay@example.com'],
        ['2026-10-05', 123400, 'miro', 'gus@example.com'],
        ['2026-10-06', 1200, 'canva', 'hana@example.com'],
      ],
      [],
    ],
  ])('%s', (name, currency, source, lines, unmatched) => {
    const result = plan(fixture(name), currency);
    expect(result.source).toBe(source);
    expect(result.add.map((l) => [l.day, l.amount, l.appId ?? '', l.email])).toEqual(lines);
    expect(result.unmatched.map((u) => [u.merchant, u.total, u.currency])).toEqual(unmatched);
    expect(result.lines).toBe(lines.length);
    expect(result.matched).toBe(lines.filter((l) => l[2] !== '').length);
  });

  it('skips card payments and the heading and total rows of a ledger report', () => {
    expect(plan(fixture('brex.csv')).skipped).toEqual([{ row: 4, reason: 'Payment to Brex: no spend' }]);
    expect(plan(fixture('quickbooks.csv'), 'USD').skipped.map((s) => s.row)).toEqual([6, 11, 12, 14]);
  });

  it('sums matched lines per app and currency, refunds netted', () => {
    expect(plan(fixture('expensify.csv')).byApp).toEqual([{ appId: 'figma', total: 3000, currency: 'USD', lines: 4 }]);
  });
});

describe('line keys', () => {
  it('make a second import of the same file add nothing, while identical lines in one file stay two', () => {
    const first = plan(fixture('expensify.csv'));
    const keys = first.add.map((l) => l.lineKey);
    expect(new Set(keys).size).toBe(7);
    const again = plan(fixture('expensify.csv'), null, new Set(keys));
    expect(again.add).toEqual([]);
    expect(again.alreadyImported).toBe(7);
    expect(again.lines).toBe(7);
  });

  it('are the same whatever the other lines of the file', () => {
    const whole = plan(fixture('generic.csv'));
    const [header, , second] = fixture('generic.csv').split('\n');
    const part = plan(`${header}\n${second}\n`);
    expect(part.add[0]!.lineKey).toBe(whole.add[1]!.lineKey);
  });
});

describe('bad files are rejected whole, with the row', () => {
  it.each<[string, string | null, string]>([
    [
      'date,merchant,amount,currency\n2026-10-01,Figma,abc,USD\n',
      null,
      'Row 2: "abc" in column "amount" is not an amount',
    ],
    [
      'date,merchant,amount,currency\n2026-10-01,Figma,12.345,USD\n',
      null,
      'Row 2: "12.345" in column "amount" has more',
    ],
    ['date,merchant,amount,currency\nyesterday,Figma,12,USD\n', null, 'Row 2: "yesterday" in column "date"'],
    ['date,merchant,amount,currency\n2026-10-01,Figma,12,DOLLARS\n', null, 'Row 2: "DOLLARS" in column "currency"'],
    ['date,merchant,amount,currency\n2026-10-01,,12,USD\n', null, 'Row 2: no merchant'],
    ['date,merchant,amount\n2026-10-01,Figma,12\n', null, 'no currency column'],
    ['day,merchant,amount,currency\n2026-10-01,Figma,12,USD\n', null, 'no date column'],
    ['date,shop,amount,currency\n2026-10-01,Figma,12,USD\n', null, 'no merchant column'],
    ['date,merchant,price,currency\n2026-10-01,Figma,12,USD\n', null, 'no amount column'],
  ])('%j', (text, currency, message) => {
    expect(() => plan(text, currency)).toThrow(CsvError);
    expect(() => plan(text, currency)).toThrow(message);
  });

  it('accepts the currency from the request for a file without one', () => {
    expect(plan('date,merchant,amount\n2026-10-01,Figma,12\n', 'GBP').add[0]).toMatchObject({
      currency: 'GBP',
      amount: 1200,
    });
  });
});
