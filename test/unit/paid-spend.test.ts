// Paid spend against the contract: annualisation, price rises and double billing.
import { describe, expect, it } from 'vitest';
import { type Contract, type PaidLine, paidSpend, periodDays } from '../../server/domain/paid-spend.ts';

const year = { from: '2025-11-21', to: '2026-11-20' };
const line = (day: string, amount: number, email: string | null = null, appId = 'slack'): PaidLine => ({
  appId,
  currency: 'USD',
  day,
  amount,
  email,
});
const monthly: Contract = { appId: 'slack', currency: 'USD', annualCost: 1_800_000, billingPeriod: 'monthly' };
const annual: Contract = { ...monthly, annualCost: 1_200_000, billingPeriod: 'annual' };

describe('paidSpend', () => {
  it('is 365 days by default and annualises a shorter period to a year', () => {
    expect(periodDays(year)).toBe(365);
    const [row] = paidSpend([line('2026-10-01', 150_000)], [monthly], { from: '2026-10-01', to: '2026-10-31' });
    expect(row).toMatchObject({ paid: 150_000, annualised: Math.round((150_000 * 365) / 31), annualCost: 1_800_000 });
  });

  it('shows a subscription with nothing paid, and an app paid without one (no annual cost)', () => {
    const rows = paidSpend([line('2026-10-01', 1500, 'a@x.io', 'figma')], [monthly], year);
    expect(rows.map((r) => [r.appId, r.paid, r.annualCost, r.difference, r.payers])).toEqual([
      ['figma', 1500, null, null, 1],
      ['slack', 0, 1_800_000, -1_800_000, 0],
    ]);
  });

  it('leaves lines outside the period out and nets refunds', () => {
    const rows = paidSpend(
      [line('2025-11-20', 999), line('2026-01-05', 150_000), line('2026-01-09', -50_000)],
      [monthly],
      year,
    );
    expect(rows[0]).toMatchObject({ paid: 100_000, lines: 2 });
  });

  it.each<[string, PaidLine[], Contract, object | null]>([
    ['same price every month', [line('2026-09-01', 150_000), line('2026-10-01', 150_000)], monthly, null],
    ['within 2% (conversion cents)', [line('2026-09-01', 150_000), line('2026-10-01', 152_900)], monthly, null],
    [
      'renewal at a higher price',
      [line('2025-12-01', 1_000_000), line('2026-11-01', 1_200_000)],
      annual,
      { day: '2026-11-01', paid: 1_200_000, previousDay: '2025-12-01', previousPaid: 1_000_000 },
    ],
    [
      'two payers paying differently is no rise',
      [line('2026-09-01', 1500, 'a@x.io'), line('2026-09-02', 3000, 'b@x.io')],
      monthly,
      null,
    ],
    ['a double charge is no rise', [line('2026-11-01', 150_000), line('2026-11-03', 150_000)], monthly, null],
  ])('price rise: %s', (_name, lines, contract, rise) => {
    expect(paidSpend(lines, [contract], year)[0]!.priceRise).toEqual(rise);
  });

  it.each<[string, PaidLine[], Contract, object | null]>([
    ['one charge a month', [line('2026-10-01', 150_000), line('2026-11-01', 150_000)], monthly, null],
    [
      'two charges in November',
      [line('2026-10-01', 150_000), line('2026-11-01', 150_000), line('2026-11-03', 150_000)],
      monthly,
      { period: '2026-11', charges: 2, paid: 300_000, contracted: 150_000 },
    ],
    [
      'a charge and its refund',
      [line('2026-11-01', 150_000), line('2026-11-02', 150_000), line('2026-11-03', -150_000)],
      monthly,
      null,
    ],
    ['two part charges within the contract', [line('2026-11-01', 75_000), line('2026-11-15', 75_000)], monthly, null],
    [
      'an annual contract charged twice in a year',
      [line('2026-02-01', 1_200_000), line('2026-02-03', 1_200_000)],
      annual,
      { period: '2026', charges: 2, paid: 2_400_000, contracted: 1_200_000 },
    ],
  ])('double billing: %s', (_name, lines, contract, flag) => {
    expect(paidSpend(lines, [contract], year)[0]!.doubleBilling).toEqual(flag);
  });

  it('flags no double billing without a contract', () => {
    const rows = paidSpend([line('2026-11-01', 150_000), line('2026-11-03', 150_000)], [], year);
    expect(rows[0]!.doubleBilling).toBeNull();
  });
});
