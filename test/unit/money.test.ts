// Minor units to major-unit decimals by each currency's own digits, exactly.
import { describe, expect, it } from 'vitest';
import { formatMinorUnits, formatMoney, minorDigits } from '../../server/domain/money.ts';

describe('money', () => {
  it.each<[number, string, string]>([
    [123450, 'USD', '1234.50'],
    [5, 'USD', '0.05'],
    [-5, 'EUR', '-0.05'],
    [0, 'GBP', '0.00'],
    [1500, 'JPY', '1500'],
    [1234, 'BHD', '1.234'],
    [900719925474099, 'USD', '9007199254740.99'],
  ])('%i %s is %s', (minor, currency, text) => expect(formatMinorUnits(minor, currency)).toBe(text));

  it.each<[string, number]>([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i minor digits', (currency, digits) => expect(minorDigits(currency)).toBe(digits));

  it.each<[number, string, string]>([
    [215976, 'GBP', '£2,160'],
    [1_200_000, 'USD', '$12,000'],
    [-4_999, 'EUR', '-€50'],
    [54_000, 'JPY', '¥54,000'],
  ])('%i %s reads %s as on the dashboard', (minor, currency, text) => expect(formatMoney(minor, currency)).toBe(text));
});
