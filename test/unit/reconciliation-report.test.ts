// The whole-company reconciliation from plain facts: windows per subscription, seatless use, pools, totals.
import { describe, expect, it } from 'vitest';
import {
  type CompanyFacts,
  reconcileCompany,
  type SeatFacts,
  type SubscriptionFacts,
} from '../../server/domain/reconciliation-report.ts';

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

let nextSeatId = 1;
const seat = (subscriptionId: number, personId: number, over: Partial<SeatFacts> = {}): SeatFacts => ({
  seatId: nextSeatId++,
  subscriptionId,
  personId,
  assignedAt: '2026-01-01',
  vendorLastActiveDay: null,
  personStatus: 'active',
  endDate: null,
  ...over,
});

const base: CompanyFacts = {
  asOf: '2026-11-20',
  subscriptions: [],
  seats: [],
  windowSeconds: new Map(),
  firstUse: [],
  lastUploadDay: [],
  peakDailyActive: [],
};

describe('reconcileCompany', () => {
  it('classifies each holder with the seconds of the subscription’s own window', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ id: 1 }), sub({ id: 2, plan: 'Enterprise', activityWindowDays: 7 })],
      seats: [seat(1, 7), seat(2, 7)],
      windowSeconds: new Map([
        [30, [{ personId: 7, appId: 'slack', activeSeconds: 600 }]],
        [7, []],
      ]),
      firstUse: [{ personId: 7, appId: 'slack', firstDay: '2026-11-01' }],
      lastUploadDay: [{ personId: 7, day: '2026-11-19' }],
    });
    expect(report.subscriptions.map((row) => [row.subscriptionId, row.counts.active, row.counts.idle])).toEqual([
      [1, 1, 0],
      [2, 0, 1],
    ]);
    expect(report.holders.get(1)).toEqual([
      expect.objectContaining({ personId: 7, status: 'active', activeSecondsInWindow: 600 }),
    ]);
  });

  it.each([
    ['uploaded on the first day of the window', '2026-10-22', 'never_used'],
    ['last uploaded the day before the window', '2026-10-21', 'unmonitored'],
  ])('a holder who %s is %s', (_name, day, status) => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({})],
      seats: [seat(1, 3)],
      lastUploadDay: [{ personId: 3, day }],
    });
    expect(report.holders.get(1)![0]!.status).toBe(status);
  });

  // Retention keeps from 2026-07-23 (120 days before the as-of day): use reported before then counts as never
  // recorded, so the holder is never used when monitored, else unmonitored; within the period it is use as before.
  it.each([
    ['a vendor date before the period, monitored', 'never_used', '2026-07-22', '2026-11-19'],
    ['a vendor date before the period, not monitored', 'unmonitored', '2026-07-22', null],
    ['a vendor date on the first kept day, not monitored', 'idle', '2026-07-23', null],
    ['a vendor date in the period, monitored', 'idle', '2026-09-01', '2026-11-19'],
    ['a vendor date in the window', 'active', '2026-11-10', null],
  ])('with %s, the holder is %s', (_name, status, vendorDay, uploaded) => {
    const report = reconcileCompany({
      ...base,
      retainedFrom: '2026-07-23',
      subscriptions: [sub({})],
      seats: [seat(1, 3, { vendorLastActiveDay: vendorDay })],
      lastUploadDay: uploaded ? [{ personId: 3, day: uploaded }] : [],
    });
    expect(report.holders.get(1)![0]!.status).toBe(status);
  });

  it('counts people active on the app with no seat on any of its subscriptions', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [
        sub({ id: 1 }),
        sub({ id: 2, plan: 'Enterprise' }),
        sub({ id: 3, appId: 'figma', appName: 'Figma' }),
      ],
      seats: [seat(1, 1), seat(2, 2)],
      windowSeconds: new Map([
        [
          30,
          [
            { personId: 1, appId: 'slack', activeSeconds: 600 },
            { personId: 2, appId: 'slack', activeSeconds: 600 },
            { personId: 3, appId: 'slack', activeSeconds: 600 }, // no seat: counts
            { personId: 4, appId: 'slack', activeSeconds: 30 }, // below the minimum: does not
            { personId: 5, appId: 'figma', activeSeconds: 600 }, // no figma seat: counts on figma
          ],
        ],
      ]),
    });
    expect(report.subscriptions.map((row) => row.activeWithoutSeat)).toEqual([1, 1, 1]);
  });

  it('sizes a concurrent pool by the peak of daily users, not by named holders', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ metric: 'concurrent', seats: 10 })],
      seats: [seat(1, 1, { personStatus: 'left' })],
      windowSeconds: new Map([[30, [{ personId: 9, appId: 'slack', activeSeconds: 600 }]]]),
      peakDailyActive: [{ appId: 'slack', windowDays: 30, minActiveMinutes: 1, peak: 6 }],
    });
    expect(report.subscriptions[0]).toMatchObject({
      utilization: 0.6,
      activeWithoutSeat: 0,
      unassigned: 9, // 10 bought, 1 listed
      peakDailyActive: 6,
      neededSeats: 6,
      reclaimable: 5, // 4 unused at the peak + 1 leaver's account
      reclaimableAnnualCost: 4_000,
      recommendedSeats: 7, // ceil(6 x 1.1)
      licencePosition: 4,
    });
  });

  const activePeopleOnceEach =
    'counts the people active on the app, seat or not, once each: measured time or a vendor last-active in the window';
  it(activePeopleOnceEach, () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [
        sub({ id: 1 }),
        sub({ id: 2, plan: 'Enterprise' }),
        sub({ id: 3, metric: 'site', seats: null, appId: 'gws', appName: 'Google Workspace' }),
      ],
      seats: [
        seat(1, 1), // measured and vendor-seen: once
        seat(2, 1, { vendorLastActiveDay: '2026-11-02' }),
        seat(1, 2, { vendorLastActiveDay: '2026-11-10' }), // vendor only
        seat(1, 3, { vendorLastActiveDay: '2026-10-01' }), // vendor, before the window: not active
        seat(2, 6, { vendorLastActiveDay: '2026-11-30' }), // vendor date after the as-of day: not active
      ],
      windowSeconds: new Map([
        [
          30,
          [
            { personId: 1, appId: 'slack', activeSeconds: 600 },
            { personId: 4, appId: 'slack', activeSeconds: 600 }, // no seat
            { personId: 5, appId: 'slack', activeSeconds: 20 }, // below the minimum
            { personId: 7, appId: 'gws', activeSeconds: 900 },
            { personId: 8, appId: 'gws', activeSeconds: 900 },
          ],
        ],
      ]),
      peakDailyActive: [
        { appId: 'slack', windowDays: 30, minActiveMinutes: 1, peak: 2 },
        { appId: 'slack', windowDays: 7, minActiveMinutes: 1, peak: 99 }, // another window: not this one
        { appId: 'gws', windowDays: 30, minActiveMinutes: 1, peak: 2 },
      ],
    });
    expect(report.subscriptions.map((row) => [row.activePeople, row.peakDailyActive])).toEqual([
      [3, 2],
      [3, 2],
      [2, 2],
    ]);
    // Counts stay about seat holders: the site licence has no seat list, so zero counts but real people active.
    expect(report.subscriptions[2]!.counts.active).toBe(0);
    expect(report.subscriptions[0]!.counts).toMatchObject({ active: 2, never_used: 0, idle: 1 });
  });

  it('reads the peak of the subscription’s own minimum active minutes', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({ metric: 'concurrent', seats: 10, minActiveMinutes: 5 })],
      peakDailyActive: [
        { appId: 'slack', windowDays: 30, minActiveMinutes: 1, peak: 9 },
        { appId: 'slack', windowDays: 30, minActiveMinutes: 5, peak: 4 },
      ],
    });
    expect(report.subscriptions[0]).toMatchObject({ peakDailyActive: 4, neededSeats: 4, licencePosition: 6 });
  });

  it('ignores seats assigned after the as-of day', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [sub({})],
      seats: [seat(1, 1, { assignedAt: '2026-11-21' })],
    });
    expect(report.subscriptions[0]!.assigned).toBe(0);
  });

  it('totals per currency, never across currencies', () => {
    const report = reconcileCompany({
      ...base,
      subscriptions: [
        sub({ id: 1, seats: 2 }),
        sub({ id: 2, seats: 3, currency: 'EUR', unitCost: 500 }),
        sub({ id: 3, seats: 1 }),
      ],
    });
    expect(report.totals.byCurrency).toEqual({
      USD: { annualCost: 3_000, reclaimableAnnualCost: 3_000, seats: 3, assigned: 0, active: 0, reclaimable: 3 },
      EUR: { annualCost: 1_500, reclaimableAnnualCost: 1_500, seats: 3, assigned: 0, active: 0, reclaimable: 3 },
    });
  });
});
