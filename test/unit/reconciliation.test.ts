// Table tests for DESIGN section 5: holder statuses and the per-subscription figures.
import { describe, expect, it } from 'vitest';
import {
  annualCost,
  classifyHolder,
  subscriptionFigures,
  type HolderFacts,
  type SubscriptionTerms,
  type WindowRule,
} from '../../server/domain/reconciliation.ts';
import type { HolderStatus } from '../../server/contract.ts';

const rule: WindowRule = { asOf: '2026-11-20', activityWindowDays: 30, minActiveMinutes: 1 };
// Window: 2026-10-22 .. 2026-11-20 (30 days ending with the as-of day).

const holder = (over: Partial<HolderFacts>): HolderFacts => ({
  personStatus: 'active',
  endDate: null,
  assignedAt: '2026-01-01',
  activeSecondsInWindow: 0,
  lastUseDay: null,
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
    ['one second short of the minimum is not active', { activeSecondsInWindow: 59, lastUseDay: '2026-11-01' }, 'idle'],
    ['vendor last-active on the first window day', { vendorLastActiveDay: '2026-10-22', monitoredInWindow: false }, 'active'],
    ['vendor last-active the day before the window', { vendorLastActiveDay: '2026-10-21', lastUseDay: null }, 'never_used'],
    ['vendor last-active after the as-of day does not count', { vendorLastActiveDay: '2026-11-21' }, 'never_used'],
    ['assigned W-1 days before D is in grace', { assignedAt: '2026-10-22' }, 'grace'],
    ['assigned exactly W days before D is past grace', { assignedAt: '2026-10-21' }, 'never_used'],
    ['grace wins over unmonitored', { assignedAt: '2026-11-15', monitoredInWindow: false }, 'grace'],
    ['not monitored and no vendor date', { monitoredInWindow: false, lastUseDay: '2026-09-01' }, 'unmonitored'],
    ['not monitored but vendor date known (outside window) is judged', { monitoredInWindow: false, vendorLastActiveDay: '2026-09-01', lastUseDay: '2026-09-01' }, 'idle'],
    ['used only before the window', { lastUseDay: '2026-10-01' }, 'idle'],
    ['a little use inside the window', { activeSecondsInWindow: 30, lastUseDay: '2026-11-10' }, 'idle'],
    ['no use ever', {}, 'never_used'],
    ['use recorded only after the as-of day is not use', { lastUseDay: '2026-11-25' }, 'never_used'],
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
    ['flat monthly is the whole price x12', { metric: 'flat', seats: 5, unitCost: 2_000, billingPeriod: 'monthly' }, 24_000],
  ])('%s', (_name, terms, expected) => {
    expect(annualCost(terms)).toBe(expected);
  });
});

describe('subscriptionFigures', () => {
  const statuses = (spec: Partial<Record<HolderStatus, number>>): HolderStatus[] =>
    Object.entries(spec).flatMap(([status, n]) => Array<HolderStatus>(n).fill(status as HolderStatus));

  it('computes every figure of a named-user subscription', () => {
    const figures = subscriptionFigures(named, statuses({ active: 4, grace: 1, idle: 2, never_used: 1, left: 1 }), 2, false);
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
      licencePosition: 3,
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

  it('zero purchased seats gives no utilization rather than dividing by zero', () => {
    expect(subscriptionFigures({ ...named, seats: 0 }, [], 0, false).utilization).toBeNull();
  });
});
