// Amounts as exports write them, read exactly into minor units.
import { describe, expect, it } from 'vitest';
import { readAmount } from '../../server/domain/spend-amount.ts';

describe('readAmount', () => {
  it.each<[string, string, number | null]>([
    ['15.00', 'USD', 1500],
    ['1,500.00', 'USD', 150000],
    ['-15.00', 'USD', -1500],
    ['(12.50)', 'USD', -1250],
    ['$49.00', 'USD', 4900],
    ['-$49.00', 'USD', -4900],
    ['49 USD', 'USD', 4900],
    ['USD 49.10', 'USD', 4910],
    ['12,50', 'EUR', 1250],
    ['1.234,56', 'EUR', 123456],
    ['€1.234,56', 'EUR', 123456],
    ['1200', 'JPY', 1200],
    ['1,200', 'JPY', 1200],
    ['1.250', 'BHD', 1250],
    ['0.10', 'USD', 10],
    ['19.9', 'USD', 1990],
    ['12.00-', 'USD', -1200],
    ['', 'USD', null],
    ['-', 'USD', null],
  ])('%s %s -> %s', (cell, currency, minor) => {
    expect(readAmount(cell, currency)).toBe(minor);
  });

  it.each<[string, string]>([
    ['12.345', 'USD'],
    ['12.5', 'JPY'],
    ['abc', 'USD'],
    ['1,2,3', 'USD'],
    ['12..0', 'USD'],
  ])('rejects %s %s', (cell, currency) => {
    expect(readAmount(cell, currency)).toMatchObject({ problem: expect.any(String) });
  });
});
