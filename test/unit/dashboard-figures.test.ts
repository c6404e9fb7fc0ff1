// The dashboard's own figures and sorting: pure functions, checked by tables (policy text: policy-snippets.test.ts).
import { describe, expect, it } from 'vitest';
import {
  complianceExposure,
  mainCurrency,
  overallUtilization,
  renewalEvents,
  spendByDepartment,
} from '../../dashboard/src/lib/figures.ts';
import { nextSort, sortRows } from '../../dashboard/src/lib/sort.ts';
import type { ReconciliationRow, Subscription } from '../../server/contract.ts';
import { reconciliationRow } from '../support/reconciliation-row.ts';

const row = reconciliationRow;

const sub = (id: number, fields: Partial<Subscription> = {}): Subscription => ({
  id,
  appId: `app${id}`,
  plan: 'Pro',
  metric: 'named_user',
  seats: 10,
  unitCost: 10_000,
  currency: 'USD',
  billingPeriod: 'annual',
  startDate: null,
  renewalDate: null,
  autoRenew: false,
  noticeDays: 30,
  ownerEmail: null,
  department: null,
  activityWindowDays: 30,
  minActiveMinutes: 1,
  notes: null,
  contractRef: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...fields,
});

describe('overview figures', () => {
  it('picks the currency with the most spend', () => {
    const totals = (annualCost: number) => ({
      annualCost,
      reclaimableAnnualCost: 0,
      seats: 0,
      assigned: 0,
      active: 0,
      reclaimable: 0,
    });
    expect(mainCurrency({ EUR: totals(5), USD: totals(9), GBP: totals(1) })).toBe('USD');
    expect(mainCurrency({})).toBeNull();
  });

  it.each<[string, ReconciliationRow[], number | null]>([
    [
      'named and concurrent seats',
      [
        row(1, { seats: 10, counts: { ...row(1).counts, active: 5 } }),
        row(2, { metric: 'concurrent', seats: 30, peakDailyActive: 15, counts: { ...row(2).counts, active: 0 } }),
      ],
      0.5,
    ],
    [
      'a concurrent pool is in use up to its peak, not its named holders',
      [row(1, { metric: 'concurrent', seats: 150, peakDailyActive: 90, counts: { ...row(1).counts, active: 0 } })],
      0.6,
    ],
    [
      'site and flat licences do not count',
      [row(1, { metric: 'site', seats: null }), row(2, { metric: 'flat', seats: 5 })],
      null,
    ],
    ['more users than seats', [row(1, { seats: 4, counts: { ...row(1).counts, active: 6 } })], 1.5],
  ])('utilisation over %s', (_name, rows, expected) => expect(overallUtilization(rows)).toBe(expected));

  it('adds up compliance exposure', () => {
    expect(complianceExposure([row(1, { overAssigned: 3 }), row(2, { activeWithoutSeat: 2 }), row(3)])).toEqual({
      overAssigned: 3,
      activeWithoutSeat: 2,
      subscriptions: 2,
    });
  });

  it('sums spend per department in one currency, most first, without a department as company-wide', () => {
    const rows = [
      row(1, { annualCost: 100 }),
      row(2, { annualCost: 300 }),
      row(3, { annualCost: 50 }),
      row(4, { annualCost: 999, currency: 'EUR' }),
    ];
    const subs = [
      sub(1, { department: 'Sales' }),
      sub(2),
      sub(3, { department: 'Sales' }),
      sub(4, { department: 'Sales' }),
    ];
    expect(spendByDepartment(rows, subs, 'USD')).toEqual([
      { department: 'Company-wide', annualCost: 300 },
      { department: 'Sales', annualCost: 150 },
    ]);
  });

  it('lists notice deadlines and renewals from a day on, soonest first, skipping what has passed', () => {
    const subs = [
      sub(1, { renewalDate: '2027-01-31', noticeDays: 30, autoRenew: true }),
      sub(2, { renewalDate: '2026-12-10', noticeDays: 60 }),
      sub(3, { renewalDate: '2026-12-01', noticeDays: 0 }),
      sub(4),
    ];
    const events = renewalEvents(subs, [row(1), row(2), row(3), row(4)], '2026-11-20');
    expect(events.map((e) => [e.subscriptionId, e.kind, e.day, e.daysAway])).toEqual([
      [3, 'renewal', '2026-12-01', 11],
      [2, 'renewal', '2026-12-10', 20],
      [1, 'notice', '2027-01-01', 42],
      [1, 'renewal', '2027-01-31', 72],
    ]);
  });
});

describe('sorting tables', () => {
  const rows = [
    { n: 2, s: 'b' },
    { n: null, s: 'a' },
    { n: 10, s: 'c' },
  ];
  const value = (r: (typeof rows)[number], key: 'n' | 's') => r[key];
  it.each<['n' | 's', boolean, (number | null)[]]>([
    ['n', false, [2, 10, null]],
    ['n', true, [10, 2, null]],
    ['s', false, [null, 2, 10]],
  ])('by %s, descending %s', (key, descending, order) =>
    expect(sortRows(rows, { key, descending }, value).map((r) => r.n)).toEqual(order),
  );

  it('flips the same column and starts a new one descending', () => {
    expect(nextSort({ key: 'a', descending: true }, 'a')).toEqual({ key: 'a', descending: false });
    expect(nextSort({ key: 'a', descending: false }, 'b')).toEqual({ key: 'b', descending: true });
  });
});
