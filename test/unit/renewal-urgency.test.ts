// Renewals that need action now: which subscriptions are lapsed or past their notice deadline, and in what order.
import { describe, expect, it } from 'vitest';
import { urgentRenewals } from '../../dashboard/src/lib/renewal-urgency.ts';
import type { Subscription } from '../../server/contract.ts';
import { reconciliationRow } from '../support/reconciliation-row.ts';

const TODAY = '2026-11-20';

const row = (id: number) => reconciliationRow(id, { annualCost: 100_000 + id });

const sub = (id: number, renewalDate: string | null, noticeDays: number, autoRenew: boolean): Subscription => ({
  id,
  appId: `app${id}`,
  plan: 'Pro',
  metric: 'named_user',
  seats: 10,
  unitCost: 10_000,
  currency: 'USD',
  billingPeriod: 'annual',
  startDate: null,
  renewalDate,
  autoRenew,
  noticeDays,
  ownerEmail: null,
  department: null,
  activityWindowDays: 30,
  minActiveMinutes: 1,
  notes: null,
  contractRef: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

type Case = [string, Subscription, 'lapsed' | 'notice_passed' | null, number | null];

describe('which subscriptions need action now', () => {
  it.each<Case>([
    ['renewal date passed, no auto-renew: lapsed', sub(1, '2026-11-10', 30, false), 'lapsed', 10],
    ['renewal date yesterday, no notice period: lapsed', sub(1, '2026-11-19', 0, false), 'lapsed', 1],
    [
      'renewal date passed but it renews automatically: not lapsed (it renewed)',
      sub(1, '2026-11-10', 30, true),
      null,
      null,
    ],
    ['renews today, notice deadline passed: notice passed', sub(1, '2026-11-20', 30, false), 'notice_passed', 30],
    [
      'renews in 10 days with 30 days notice: notice passed 20 days ago',
      sub(1, '2026-11-30', 30, true),
      'notice_passed',
      20,
    ],
    ['notice deadline is today: still time to act, not past', sub(1, '2026-12-20', 30, false), null, null],
    ['notice deadline ahead: nothing urgent', sub(1, '2027-03-01', 30, false), null, null],
    ['no notice period and renewal ahead: nothing urgent', sub(1, '2026-11-25', 0, false), null, null],
    ['no renewal date: nothing to say', sub(1, null, 30, false), null, null],
  ])('%s', (_name, subscription, urgency, daysPast) => {
    const [found, ...rest] = urgentRenewals([subscription], [row(1)], TODAY);
    expect(rest).toEqual([]);
    expect(found?.urgency ?? null).toBe(urgency);
    expect(found?.daysPast ?? null).toBe(daysPast);
  });

  it('skips a subscription with no reconciliation row', () => {
    expect(urgentRenewals([sub(9, '2026-11-01', 0, false)], [row(1)], TODAY)).toEqual([]);
  });
});

describe('the order', () => {
  it.each<[string, Subscription[], number[]]>([
    [
      'lapsed before notice passed, whatever the dates',
      [sub(1, '2026-11-21', 30, false), sub(2, '2026-11-19', 0, false)],
      [2, 1],
    ],
    [
      'lapsed: the longest lapsed first',
      [sub(1, '2026-11-15', 0, false), sub(2, '2026-09-01', 0, false), sub(3, '2026-11-01', 0, false)],
      [2, 3, 1],
    ],
    [
      'notice passed: the soonest renewal first',
      [sub(1, '2026-12-15', 60, true), sub(2, '2026-11-25', 30, false), sub(3, '2026-12-01', 30, false)],
      [2, 3, 1],
    ],
    [
      'the same day: by subscription id, so the order is stable',
      [sub(5, '2026-11-01', 0, false), sub(4, '2026-11-01', 0, false)],
      [4, 5],
    ],
  ])('%s', (_name, subscriptions, order) => {
    const rows = subscriptions.map((s) => row(s.id));
    expect(urgentRenewals(subscriptions, rows, TODAY).map((u) => u.subscriptionId)).toEqual(order);
  });

  it('carries the money and dates the page shows', () => {
    const [lapsed] = urgentRenewals([sub(3, '2026-11-10', 30, false)], [row(3)], TODAY);
    expect(lapsed).toEqual({
      urgency: 'lapsed',
      subscriptionId: 3,
      appName: 'App 3',
      plan: 'Pro',
      renewalDate: '2026-11-10',
      noticeDeadline: '2026-10-11',
      daysPast: 10,
      daysToRenewal: -10,
      autoRenew: false,
      annualCost: 100_003,
      reclaimableAnnualCost: 40_000,
      currency: 'USD',
    });
  });
});
