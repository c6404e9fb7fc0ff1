// Shadow IT's period: the dashboard's copy equals the server's, and "the last 30 days" means the 30 days ending today.
import { describe, expect, it } from 'vitest';
import {
  consolidationPreset,
  SHADOW_IT_WINDOW_DAYS as DASHBOARD_DAYS,
  shadowItSince,
} from '../../dashboard/src/lib/shadow-it.ts';
import { SHADOW_IT_WINDOW_DAYS as SERVER_DAYS } from '../../server/contract.ts';

describe('the shadow IT period', () => {
  it('is the same number of days on the page as in the alert', () => expect(DASHBOARD_DAYS).toBe(SERVER_DAYS));

  it.each<[string, string]>([
    ['2026-11-20', '2026-10-22'],
    ['2026-03-01', '2026-01-31'],
    ['2027-01-15', '2026-12-17'],
  ])('on %s starts on %s (30 days including today)', (today, since) => expect(shadowItSince(today)).toBe(since));
});

describe('consolidationPreset', () => {
  it.each<[string, number, { currency: string; amount: number }[], object | null]>([
    ['two payers of 15.00 a month for a year', 2, [{ currency: 'USD', amount: 36000 }], { seats: 2, unitCost: 1500 }],
    [
      'the largest currency',
      3,
      [
        { currency: 'EUR', amount: 36000 },
        { currency: 'USD', amount: 100 },
      ],
      { seats: 3, unitCost: 1000, currency: 'EUR' },
    ],
    ['one payer', 1, [{ currency: 'USD', amount: 18000 }], null],
    ['nothing paid (refunded)', 2, [{ currency: 'USD', amount: 0 }], null],
  ])('%s', (_name, payers, annualisedSpend, preset) => {
    const result = consolidationPreset({ payers, seatMonths: payers * 12, annualisedSpend });
    if (preset === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ billingPeriod: 'monthly', ...preset });
  });

  it('prices a seat-month as they paid: two people who each paid 15.00 once', () => {
    const preset = consolidationPreset({
      payers: 2,
      seatMonths: 2,
      annualisedSpend: [{ currency: 'USD', amount: 3000 }],
    });
    expect(preset).toMatchObject({ seats: 2, unitCost: 1500 });
  });
});
