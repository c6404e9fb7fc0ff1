import { describe, expect, it } from 'vitest';
import { deriveUnitCost, readBillingPeriod, readNoticeDays, readTerm } from '../../server/domain/contract-terms.ts';
import { readAmount } from '../../server/domain/csv/amounts.ts';

describe('reading money cells into minor units', () => {
  it.each([
    ['12000', 'USD', 1_200_000, null],
    ['$12,000.00', 'USD', 1_200_000, null],
    ['12,000', 'USD', 1_200_000, null],
    ['1,234,567.5', 'USD', 123_456_750, null],
    ['1.234,50 EUR', null, 123_450, 'EUR'],
    ['EUR 1 234,50', null, 123_450, 'EUR'],
    ['€950', null, 95_000, 'EUR'],
    ['£1,080.00', 'GBP', 108_000, 'GBP'],
    ['1.234', 'EUR', 123_400, null],
    ['15,50', 'EUR', 1_550, null],
    ['0.5', 'USD', 50, null],
    ['¥150,000', 'JPY', 150_000, null],
    ['150000 JPY', null, 150_000, 'JPY'],
    ['1.500', 'JPY', 1_500, null],
    ['1,234.500', 'BHD', 1_234_500, null],
    ['8.1', 'KWD', 8_100, null],
    // Three digits after the one separator cannot be USD cents: they are thousands.
    ['12.345', 'USD', 1_234_500, null],
    ["1'200.00", 'CHF', 120_000, null],
    ['8.10', 'USD', 810, null],
    ['120.00', 'JPY', 120, null],
  ])('%s (%s) -> %d', (cell, currency, minorUnits, named) => {
    expect(readAmount(cell, currency)).toEqual({ kind: 'amount', minorUnits, currency: named });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['-', 'empty'],
  ])('%j is empty', (cell) => {
    expect(readAmount(cell, 'USD').kind).toBe('empty');
  });

  it.each([
    ['$12,000.00', null, 'several currencies'],
    ['1,234', 'BHD', 'ambiguous'],
    ['12.999', 'KWD', 'ambiguous'],
    ['1.234,50 EUR', 'USD', 'in EUR but the line'],
    ['€12 GBP', null, 'both € and GBP'],
    ['8.100', 'KWD', 'ambiguous'],
    ['12.3456', 'USD', 'more decimals than USD'],
    ['0.001', 'USD', 'not an amount'],
    ['1,2,3', 'USD', 'not an amount'],
    ['twelve', 'USD', 'not an amount'],
    ['about 6500', 'USD', 'not an amount'],
    ['12 XYZ', null, 'not an ISO 4217 currency'],
    ['-500', 'USD', 'negative'],
    ['(500.00)', 'USD', 'negative'],
    ['1.2.3,4', 'EUR', 'not an amount'],
    ['12.50', 'JPY', 'more decimals than JPY'],
  ])('%j (%s) is refused: %s', (cell, currency, why) => {
    const reading = readAmount(cell, currency);
    expect(reading.kind).toBe('bad');
    if (reading.kind === 'bad') expect(reading.why).toContain(why);
  });
});

describe('terms, billing periods and notice', () => {
  it.each([
    ['12 months', 'months', 12],
    ['1 year', 'months', 12],
    ['3 years', 'months', 36],
    ['36', 'months', 36],
    ['3', 'years', 36],
    ['1.5', 'years', 18],
    ['24 mo', 'months', 24],
    ['2 yrs', 'months', 24],
    ['Annual', 'months', 12],
    ['Monthly', 'months', 1],
    ['quarterly', 'months', 3],
  ] as const)('%j (bare numbers in %s) is %d months', (cell, unit, months) => {
    expect(readTerm(cell, unit)).toEqual({ months });
  });

  it.each([['forever'], ['0'], ['1.5 months'], ['200 months'], ['12 weeks']])('%j is not a term', (cell) => {
    expect(readTerm(cell)).toHaveProperty('why');
  });

  it('an empty term is none', () => {
    expect(readTerm('')).toBeNull();
  });

  it.each([
    ['Monthly', 'monthly'],
    ['annually', 'annual'],
    ['Per Annum', 'annual'],
    ['Annual upfront', 'annual'],
    ['', null],
    ['weekly', undefined],
  ])('billing %j is %s', (cell, period) => {
    expect(readBillingPeriod(cell)).toBe(period);
  });

  it.each([
    ['30', 30],
    ['60 days', 60],
    ['90d', 90],
    ['', null],
    ['3 months', undefined],
    ['400', undefined],
  ])('notice %j is %s', (cell, days) => {
    expect(readNoticeDays(cell)).toBe(days);
  });
});

describe('the unit cost per seat and billing period', () => {
  it.each([
    // What is stated, seats, billing, term: unit cost, line total, rounded.
    [{ kind: 'unit price', amount: 15_000 }, 50, 'annual', 12, 15_000, 750_000, null],
    [{ kind: 'unit price', amount: 1_500 }, 10, 'monthly', 12, 1_500, 180_000, null],
    [{ kind: 'unit price', amount: 15_000 }, 50, 'annual', null, 15_000, null, null],
    [{ kind: 'annual value', amount: 900_000 }, 60, 'annual', 36, 15_000, 2_700_000, null],
    [{ kind: 'annual value', amount: 120_000 }, 10, 'monthly', 12, 1_000, 120_000, null],
    [{ kind: 'monthly value', amount: 10_000 }, 10, 'monthly', null, 1_000, null, null],
    [{ kind: 'line total', amount: 2_700_000 }, 60, 'annual', 36, 15_000, 2_700_000, null],
    [{ kind: 'line total', amount: 360_000 }, 10, 'monthly', 12, 3_000, 360_000, null],
    // 10,000.00 over 3 seats for a year: 3,333.33 each, rounded and said.
    [{ kind: 'line total', amount: 1_000_000 }, 3, 'annual', 12, 333_333, 1_000_000, { exact: '12000000/36' }],
    [{ kind: 'line total', amount: 200 }, 3, 'annual', 12, 67, 200, { exact: '2400/36' }],
    // 18 months billed annually: the total spreads over one and a half years.
    [{ kind: 'line total', amount: 1_800_000 }, 10, 'annual', 18, 120_000, 1_800_000, null],
  ] as const)('%j on %d seats, %s, %s months', (stated, seats, billing, term, unitCost, lineTotal, rounded) => {
    expect(deriveUnitCost(stated, seats, billing, term)).toEqual({ unitCost, lineTotal, rounded });
  });

  it('a line total without a term cannot be spread', () => {
    expect(deriveUnitCost({ kind: 'line total', amount: 100 }, 1, 'annual', null)).toBeNull();
  });
});
