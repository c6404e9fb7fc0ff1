// The whole-company reconciliation from plain facts: windows per subscription, seatless use, totals per currency.
import { describe, expect, it } from 'vitest';
import { reconcileCompany, type CompanyFacts, type SubscriptionFacts } from '../../server/domain/reconciliation-report.ts';

const sub = (over: Partial<SubscriptionFacts>): SubscriptionFacts => ({
  id: 1,
  appId: 'slack',
  appName: 'Slack',
  plan: 'Pro',
  currency: 'USD',
  metric: 'named_user',
  seats: 5,
  unitCost: 1_000,
  billingPeriod: 'annual',
  activityWindowDays: 30,
  minActiveMinutes: 1,
  ...over,
});

const seat = (subscriptionId: number, personId: number, over: Partial<CompanyFacts['seats'][number]> = {}) => ({
  subscriptionId,
  personId,
  assignedAt: '2026-01-01',
  vendorLastActiveDay: null,
  personStatus: 'active' as const,
  endDate: null,
  ...over,
});

const base: CompanyFacts = { asOf: '2026-11-20', subscriptions: [], seats: [], usage: [], lastUse: [], monitoredDays: [] };

describe('reconcileCompany', () => {
  it('sums a person’s devices: 40 s + 40 s on one day is active at a 1-minute minimum', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({})],
      seats: [seat(1, 7)],
      usage: [{ personId: 7, appId: 'slack', day: '2026-11-19', activeSeconds: 80 }],
      lastUse: [{ personId: 7, appId: 'slack', lastUseDay: '2026-11-19' }],
      monitoredDays: [{ personId: 7, day: '2026-11-19' }],
    });
    expect(report.subscriptions[0]!.counts.active).toBe(1);
  });

  it('uses each subscription’s own window: the same use is active in a 30-day window, idle in a 7-day one', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ id: 1 }), sub({ id: 2, appId: 'slack', plan: 'Enterprise', activityWindowDays: 7 })],
      seats: [seat(1, 7), seat(2, 7)],
      usage: [{ personId: 7, appId: 'slack', day: '2026-11-01', activeSeconds: 600 }],
      lastUse: [{ personId: 7, appId: 'slack', lastUseDay: '2026-11-01' }],
      monitoredDays: [{ personId: 7, day: '2026-11-19' }],
    });
    expect(report.subscriptions.map((row) => [row.subscriptionId, row.counts.active, row.counts.idle])).toEqual([
      [1, 1, 0],
      [2, 0, 1],
    ]);
  });

  it('counts people active on the app with no seat on any of its subscriptions', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ id: 1 }), sub({ id: 2, plan: 'Enterprise' }), sub({ id: 3, appId: 'figma', appName: 'Figma' })],
      seats: [seat(1, 1), seat(2, 2)],
      usage: [
        { personId: 1, appId: 'slack', day: '2026-11-19', activeSeconds: 600 },
        { personId: 2, appId: 'slack', day: '2026-11-19', activeSeconds: 600 },
        { personId: 3, appId: 'slack', day: '2026-11-19', activeSeconds: 600 }, // no seat: counts
        { personId: 4, appId: 'slack', day: '2026-11-19', activeSeconds: 30 }, // below the minimum: does not
        { personId: 5, appId: 'figma', day: '2026-11-19', activeSeconds: 600 }, // no figma seat: counts on figma
      ],
    });
    expect(report.subscriptions.map((row) => row.activeWithoutSeat)).toEqual([1, 1, 1]);
  });

  it('ignores seats assigned after the as-of day', () => {
    const report = reconcileCompany({ ...base, subscriptions: [sub({})], seats: [seat(1, 1, { assignedAt: '2026-11-21' })] });
    expect(report.subscriptions[0]!.assigned).toBe(0);
  });

  it('totals per currency, never across currencies', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ id: 1, seats: 2 }), sub({ id: 2, seats: 3, currency: 'EUR', unitCost: 500 }), sub({ id: 3, seats: 1 })],
    });
    expect(report.totals.byCurrency).toEqual({
      USD: { annualCost: 3_000, reclaimableAnnualCost: 3_000, seats: 3, assigned: 0, active: 0, reclaimable: 3 },
      EUR: { annualCost: 1_500, reclaimableAnnualCost: 1_500, seats: 3, assigned: 0, active: 0, reclaimable: 3 },
    });
  });
});
