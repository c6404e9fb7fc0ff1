// Table tests for DESIGN section 5: holder statuses and the per-subscription figures.
import { describe, expect, it } from 'vitest';
import type { HolderStatus } from '../../server/contract.ts';
import {
  annualCost,
  classifyHolder,
  type HolderFacts,
  type SubscriptionTerms,
  subscriptionFigures,
  type WindowRule,
} from '../../server/domain/reconciliation.ts';

const rule: WindowRule = { asOf: '2026-11-20', activityWindowDays: 30, minActiveMinutes: 1 };
// Window: 2026-10-22 .. 2026-11-20 (30 days ending with the as-of day).

const holder = (over: Partial<HolderFacts>): HolderFacts => ({
  personStatus: 'active',
  endDate: null,
  assignedAt: '2026-01-01',
  activeSecondsInWindow: 0,
  firstUseDay: null,
  monitoredInWindow: true,
  vendorLastActiveDay: null,
  ...over,
});

describe('classifyHolder', () => {
  it.each<[string, Partial<HolderFacts>, HolderStatus]>([
    ['a person marked left', { personStatus: 'left' }, 'left'],
    ['a leaver still using the app stays left', { personStatus: 'left', activeSecondsInWindow: 9_000 }, 'left'],
    ['end date before the as-of day', { endDate: '2026-11-19' }, 'left'],
    ['end date on the as-of day is not yet left', { endDate: '2026-11-20', activeSecondsInWindow: 60 }, 'active'],
    ['exactly the minimum active time', { activeSecondsInWindow: 60 }, 'active'],
    ['one second short of the minimum is not active', { activeSecondsInWindow: 59, firstUseDay: '2026-11-01' }, 'idle'],
    [
      'vendor last-active on the first window day',
      { vendorLastActiveDay: '2026-10-22', monitoredInWindow: false },
      'active',
    ],
    [
      'vendor last-active the day before the window is use: idle, not never used',
      { vendorLastActiveDay: '2026-10-21', firstUseDay: null },
      'idle',
    ],
    ['vendor last-active long before the window, no extension use', { vendorLastActiveDay: '2025-03-02' }, 'idle'],
    [
      'vendor last-active before the window, not monitored by the extension',
      { vendorLastActiveDay: '2026-09-30', monitoredInWindow: false },
      'idle',
    ],
    ['vendor last-active after the as-of day does not count', { vendorLastActiveDay: '2026-11-21' }, 'never_used'],
    ['assigned W-1 days before D is in grace', { assignedAt: '2026-10-22' }, 'grace'],
    ['assigned exactly W days before D is past grace', { assignedAt: '2026-10-21' }, 'never_used'],
    ['grace wins over unmonitored', { assignedAt: '2026-11-15', monitoredInWindow: false }, 'grace'],
    ['not monitored and no vendor date', { monitoredInWindow: false, firstUseDay: '2026-09-01' }, 'unmonitored'],
    [
      'not monitored but vendor date known (outside window) is judged',
      { monitoredInWindow: false, vendorLastActiveDay: '2026-09-01', firstUseDay: '2026-09-01' },
      'idle',
    ],
    ['used only before the window', { firstUseDay: '2026-10-01' }, 'idle'],
    ['a little use inside the window', { activeSecondsInWindow: 30, firstUseDay: '2026-11-10' }, 'idle'],
    ['no use ever', {}, 'never_used'],
    ['use recorded only after the as-of day is not use', { firstUseDay: '2026-11-25' }, 'never_used'],
  ])('%s', (_name, facts, expected) => {
    expect(classifyHolder(holder(facts), rule)).toBe(expected);
  });

  it('treats zero minimum minutes as "any second counts", never "no use counts"', () => {
    const anyUse = { ...rule, minActiveMinutes: 0 };
    expect(classifyHolder(holder({ activeSecondsInWindow: 1 }), anyUse)).toBe('active');
    expect(classifyHolder(holder({ activeSecondsInWindow: 0 }), anyUse)).toBe('never_used');
  });
});

const named: SubscriptionTerms = { metric: 'named_user', seats: 10, unitCost: 1_000, billingPeriod: 'annual' };

describe('annualCost', () => {
  it.each<[string, SubscriptionTerms, number]>([
    ['named user, annual', named, 10_000],
    ['named user, monthly x12', { ...named, billingPeriod: 'monthly' }, 120_000],
    ['concurrent is per seat', { ...named, metric: 'concurrent' }, 10_000],
    ['site is the whole price', { metric: 'site', seats: null, unitCost: 50_000, billingPeriod: 'annual' }, 50_000],
    [
      'flat monthly is the whole price x12',
      { metric: 'flat', seats: 5, unitCost: 2_000, billingPeriod: 'monthly' },
      24_000,
    ],
  ])('%s', (_name, terms, expected) => {
    expect(annualCost(terms)).toBe(expected);
  });
});

describe('subscriptionFigures', () => {
  const statuses = (spec: Partial<Record<HolderStatus, number>>): HolderStatus[] =>
    Object.entries(spec).flatMap(([status, n]) => Array<HolderStatus>(n).fill(status as HolderStatus));

  it('computes every figure of a named-user subscription', () => {
    const figures = subscriptionFigures(
      named,
      statuses({ active: 4, grace: 1, idle: 2, never_used: 1, left: 1 }),
      2,
      false,
    );
    expect(figures).toEqual({
      seats: 10,
      assigned: 9,
      counts: { active: 4, grace: 1, idle: 2, never_used: 1, unmonitored: 0, left: 1 },
      unassigned: 1,
      overAssigned: 0,
      activeWithoutSeat: 2,
      utilization: 0.4,
      reclaimable: 5, // left 1 + idle 2 + never_used 1 + unassigned 1
      annualCost: 10_000,
      reclaimableAnnualCost: 5_000,
      recommendedSeats: 8, // ceil((4 + 1 + 2) x 1.1) = ceil(7.7)
      neededSeats: 7, // active 4 + grace 1 + active without a seat 2
      licencePosition: 3,
      activePeople: 0,
      peakDailyActive: 0,
    });
  });

  it.each([
    [10, 11],
    [20, 22],
    [3, 4],
    [0, 0],
  ])('recommends ceil(%i x 1.10) = %i seats without float noise', (needed, expected) => {
    const figures = subscriptionFigures({ ...named, seats: 100 }, statuses({ active: needed }), 0, false);
    expect(figures.recommendedSeats).toBe(expected);
  });

  it('reports over-assignment and a negative licence position (true-up exposure)', () => {
    const figures = subscriptionFigures({ ...named, seats: 3 }, statuses({ active: 4, idle: 1 }), 1, false);
    expect(figures.overAssigned).toBe(2);
    expect(figures.unassigned).toBe(0);
    expect(figures.licencePosition).toBe(3 - (4 + 1));
  });

  it('annualises the reclaimable cost of monthly plans', () => {
    const figures = subscriptionFigures({ ...named, billingPeriod: 'monthly' }, statuses({ idle: 2 }), 0, false);
    expect(figures.reclaimable).toBe(10); // 2 idle + 8 unassigned
    expect(figures.reclaimableAnnualCost).toBe(10 * 1_000 * 12);
  });

  it('a site licence covers everyone: only leavers are reclaimable, nulls where seats mean nothing', () => {
    const site: SubscriptionTerms = { metric: 'site', seats: null, unitCost: 90_000, billingPeriod: 'annual' };
    const figures = subscriptionFigures(site, statuses({ active: 3, idle: 2, left: 1 }), 5, true);
    expect(figures).toMatchObject({
      seats: null,
      utilization: null,
      unassigned: null,
      recommendedSeats: null,
      licencePosition: null,
      neededSeats: null,
      reclaimable: 1,
      reclaimableAnnualCost: 0,
      activeWithoutSeat: 0,
      annualCost: 90_000,
    });
  });

  it('active people without a seat count as 0 on every subscription of an app with a site licence', () => {
    expect(subscriptionFigures(named, statuses({ active: 1 }), 4, true).activeWithoutSeat).toBe(0);
  });

  it('a flat subscription has no per-seat reclaimable cost', () => {
    const flat: SubscriptionTerms = { metric: 'flat', seats: 5, unitCost: 3_000, billingPeriod: 'annual' };
    const figures = subscriptionFigures(flat, statuses({ idle: 2 }), 0, false);
    expect(figures.reclaimable).toBe(5);
    expect(figures.reclaimableAnnualCost).toBe(0);
  });

  it('passes the people active on the app through, whatever the metric', () => {
    const use = { activePeople: 130, peakDailyActive: 91 };
    for (const terms of [
      named,
      { ...named, metric: 'concurrent' as const },
      { metric: 'site' as const, seats: null, unitCost: 1, billingPeriod: 'annual' as const },
    ]) {
      expect(subscriptionFigures(terms, [], 0, false, use)).toMatchObject(use);
    }
  });

  it('zero purchased seats gives no utilization rather than dividing by zero', () => {
    expect(subscriptionFigures({ ...named, seats: 0 }, [], 0, false).utilization).toBeNull();
  });
});

describe('concurrent licences are sized by the peak of people active on one day', () => {
  const pool: SubscriptionTerms = { metric: 'concurrent', seats: 150, unitCost: 2_000, billingPeriod: 'monthly' };
  const statuses = (spec: Partial<Record<HolderStatus, number>>): HolderStatus[] =>
    Object.entries(spec).flatMap(([status, n]) => Array<HolderStatus>(n).fill(status as HolderStatus));

  it.each<
    [
      string,
      SubscriptionTerms,
      HolderStatus[],
      { activePeople: number; peakDailyActive: number },
      Record<string, unknown>,
    ]
  >([
    [
      'no seat list: counts are zero, the peak sizes everything',
      pool,
      [],
      { activePeople: 200, peakDailyActive: 91 },
      {
        assigned: 0,
        counts: { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 },
        activePeople: 200,
        peakDailyActive: 91,
        neededSeats: 91,
        utilization: 91 / 150,
        unassigned: 150,
        overAssigned: 0,
        activeWithoutSeat: 0,
        reclaimable: 59,
        reclaimableAnnualCost: 59 * 2_000 * 12,
        recommendedSeats: 101,
        licencePosition: 59,
      },
    ],
    [
      'a peak above the pool is a negative position, nothing to reclaim',
      { ...pool, seats: 80 },
      [],
      { activePeople: 120, peakDailyActive: 91 },
      {
        neededSeats: 91,
        utilization: 91 / 80,
        reclaimable: 0,
        reclaimableAnnualCost: 0,
        recommendedSeats: 101,
        licencePosition: -11,
        overAssigned: 0,
      },
    ],
    [
      'leavers on a named list are reclaimable on top of unused capacity, at no extra cost',
      { ...pool, seats: 10 },
      statuses({ active: 3, left: 2 }),
      { activePeople: 7, peakDailyActive: 6 },
      {
        assigned: 5,
        unassigned: 5,
        neededSeats: 6,
        reclaimable: 4 + 2,
        reclaimableAnnualCost: 4 * 2_000 * 12,
        recommendedSeats: 7,
        licencePosition: 4,
      },
    ],
    [
      'more names listed than pool seats is over-assigned on the contract',
      { ...pool, seats: 3 },
      statuses({ active: 4, idle: 1 }),
      { activePeople: 4, peakDailyActive: 2 },
      { assigned: 5, overAssigned: 2, unassigned: 0, neededSeats: 2, licencePosition: 1 },
    ],
  ])('%s', (_name, terms, holders, use, expected) => {
    expect(subscriptionFigures(terms, holders, 40, false, use)).toMatchObject(expected);
  });
});

describe('site licences cover everyone', () => {
  const site: SubscriptionTerms = { metric: 'site', seats: null, unitCost: 3_600_000, billingPeriod: 'annual' };
  it.each<[string, HolderStatus[], { activePeople: number; peakDailyActive: number }, Record<string, unknown>]>([
    [
      'no seat list: zero counts, real people active',
      [],
      { activePeople: 130, peakDailyActive: 118 },
      {
        assigned: 0,
        activePeople: 130,
        peakDailyActive: 118,
        reclaimable: 0,
        neededSeats: null,
        utilization: null,
        licencePosition: null,
        recommendedSeats: null,
        unassigned: null,
      },
    ],
    [
      'listed accounts of leavers are the only thing to reclaim',
      ['active', 'left', 'left', 'idle'],
      { activePeople: 5, peakDailyActive: 4 },
      { assigned: 4, reclaimable: 2, reclaimableAnnualCost: 0, annualCost: 3_600_000, activeWithoutSeat: 0 },
    ],
  ])('%s', (_name, holders, use, expected) => {
    expect(subscriptionFigures(site, holders, 9, true, use)).toMatchObject(expected);
  });
});
