// The alert rules and how open alerts follow them: one per kind and subject, escalations, resolution.
import { describe, expect, it } from 'vitest';
import {
  type AlertFacts,
  DEFAULT_THRESHOLDS,
  evaluateAlerts,
  type LiveAlert,
  planAlertChanges,
  type SubscriptionFacts,
} from '../../server/domain/alert-rules.ts';

const TODAY = '2026-11-20';
const NO_COUNTS = { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 };
/**
 * A subscription whose contract and usage figures follow from seats, assigned and needed, as reconciliation derives
 * them.
 */
type SubFields = Partial<SubscriptionFacts> & { needed?: number };
const sub = (fields: SubFields = {}): SubscriptionFacts => {
  const { needed = 40, ...rest } = fields;
  const seats = rest.seats === undefined ? 100 : rest.seats;
  const assigned = rest.assigned ?? 50;
  return {
    id: 1,
    name: 'Slack Pro',
    metric: 'named_user',
    seats,
    assigned,
    unassigned: seats === null ? null : Math.max(0, seats - assigned),
    overAssigned: seats === null ? 0 : Math.max(0, assigned - seats),
    counts: { ...NO_COUNTS, active: needed },
    neededSeats: seats === null ? null : needed,
    licencePosition: seats === null ? null : seats - needed,
    activePeople: needed,
    peakDailyActive: needed,
    renewalDate: null,
    noticeDays: 30,
    autoRenew: true,
    currency: 'USD',
    reclaimable: 0,
    reclaimableAnnualCost: 0,
    ...rest,
  };
};
const facts = (fields: Partial<AlertFacts> = {}): AlertFacts => ({
  today: TODAY,
  subscriptions: [],
  discovered: [],
  silentPeople: [],
  thresholds: DEFAULT_THRESHOLDS,
  ...fields,
});
const kinds = (f: AlertFacts) => evaluateAlerts(f).map((a) => [a.kind, a.severity, a.level]);

describe('renewal_due', () => {
  // Notice 30 days: the deadline is the renewal date minus 30 days.
  it.each<[string, string | null, [string, string, number][]]>([
    ['no renewal date', null, []],
    ['deadline 91 days away', '2027-03-21', []],
    ['deadline exactly 90 days away', '2027-03-20', [['renewal_due', 'info', 1]]],
    ['deadline 60 days away', '2027-02-18', [['renewal_due', 'info', 2]]],
    ['deadline 31 days away', '2027-01-20', [['renewal_due', 'info', 2]]],
    ['deadline 30 days away', '2027-01-19', [['renewal_due', 'warning', 3]]],
    ['deadline 7 days away', '2026-12-27', [['renewal_due', 'critical', 4]]],
    ['deadline today', '2026-12-20', [['renewal_due', 'critical', 4]]],
    ['deadline passed, renewal ahead', '2026-12-10', [['renewal_due', 'critical', 5]]],
    ['renewal today', '2026-11-20', [['renewal_due', 'critical', 5]]],
  ])('%s', (_name, renewalDate, expected) => {
    expect(kinds(facts({ subscriptions: [sub({ renewalDate })] }))).toEqual(expected);
  });

  it('says when, and how it renews', () => {
    const [alert] = evaluateAlerts(facts({ subscriptions: [sub({ renewalDate: '2027-01-19', autoRenew: false })] }));
    expect(alert!.message).toBe(
      'Notice deadline for Slack Pro in 30 days (2026-12-20); it is up for renewal on 2027-01-19.',
    );
  });
});

describe('expired', () => {
  it.each<[string, Partial<SubscriptionFacts>, [string, string, number][]]>([
    [
      'renewal date passed, no auto-renew',
      { renewalDate: '2026-11-19', autoRenew: false },
      [['expired', 'critical', 1]],
    ],
    ['renewal date passed, renews automatically', { renewalDate: '2026-11-19', autoRenew: true }, []],
  ])('%s', (_name, fields, expected) => expect(kinds(facts({ subscriptions: [sub(fields)] }))).toEqual(expected));
});

describe('seats', () => {
  it.each<[string, SubFields, [string, string, number][]]>([
    ['94% assigned', { seats: 100, assigned: 94 }, []],
    ['95% assigned', { seats: 100, assigned: 95 }, [['seats_low', 'warning', 1]]],
    ['all assigned', { seats: 20, assigned: 20, needed: 20 }, [['seats_low', 'warning', 1]]],
    ['more assigned than seats', { seats: 20, assigned: 21, needed: 3 }, [['over_assigned', 'critical', 1]]],
    [
      'more people need a seat than were bought',
      { seats: 20, assigned: 18, needed: 23 },
      [['over_assigned', 'critical', 1]],
    ],
    [
      'a concurrent pool used beyond its size at the peak',
      { metric: 'concurrent', seats: 20, assigned: 0, needed: 25 },
      [['over_assigned', 'critical', 1]],
    ],
    ['a site licence has no seat count', { metric: 'site', seats: null, assigned: 500 }, []],
    ['a flat fee is not about seats', { metric: 'flat', seats: 5, assigned: 9, needed: 3 }, []],
    ['no seats bought', { seats: 0, assigned: 0, needed: 0 }, []],
  ])('%s', (_name, fields, expected) => expect(kinds(facts({ subscriptions: [sub(fields)] }))).toEqual(expected));

  it.each<[string, SubFields, string]>([
    [
      'over on the contract, spare by use',
      {
        name: 'Notion Plus',
        seats: 180,
        assigned: 194,
        needed: 147,
        counts: { ...NO_COUNTS, active: 140, grace: 7, idle: 35, never_used: 7, left: 5 },
      },
      'Notion Plus: 194 assigned on 180 bought, 14 over; 147 need one, so 33 would be spare after reclaiming 47. ' +
        'A true-up is likely at renewal unless seats are reclaimed first.',
    ],
    [
      'short by use',
      { seats: 20, assigned: 18, needed: 23 },
      'Slack Pro: 18 assigned on 20 bought, 2 unassigned; 23 need one, so 3 short. A true-up is likely at renewal.',
    ],
    [
      'a pool used beyond its size',
      { name: 'Zoom Business', metric: 'concurrent', seats: 80, assigned: 0, needed: 91, activePeople: 120 },
      'Zoom Business: 80 concurrent seats bought; 120 people active, at most 91 on one day, so 11 short. ' +
        'A true-up is likely at renewal.',
    ],
    [
      'seats running out',
      { seats: 20, assigned: 20, needed: 20 },
      'Slack Pro: 20 assigned on 20 bought; 20 need one, exactly enough; 100% of the seats are assigned.',
    ],
  ])('words the positions as every surface does: %s', (_name, fields, message) => {
    expect(evaluateAlerts(facts({ subscriptions: [sub(fields)] }))[0]!.message).toBe(message);
  });

  it('follows a configured threshold', () => {
    expect(
      kinds(
        facts({
          subscriptions: [sub({ seats: 100, assigned: 80 })],
          thresholds: { ...DEFAULT_THRESHOLDS, seatsLowPercent: 80 },
        }),
      ),
    ).toEqual([['seats_low', 'warning', 1]]);
  });
});

describe('reclaimable', () => {
  it.each<[string, Partial<SubscriptionFacts>, number]>([
    ['below the threshold', { reclaimable: 1, reclaimableAnnualCost: 99_999 }, 0],
    ['at the threshold (1000.00 USD)', { reclaimable: 2, reclaimableAnnualCost: 100_000 }, 1],
    ['yen have no minor digits', { currency: 'JPY', reclaimable: 2, reclaimableAnnualCost: 1_000 }, 1],
    ['nothing to reclaim', { reclaimable: 0, reclaimableAnnualCost: 0 }, 0],
  ])('%s', (_name, fields, count) => {
    const found = evaluateAlerts(facts({ subscriptions: [sub(fields)] })).filter((a) => a.kind === 'reclaimable');
    expect(found).toHaveLength(count);
  });

  it.each<[string, Partial<SubscriptionFacts>, string]>([
    [
      'dollars',
      { reclaimable: 3, reclaimableAnnualCost: 540_000 },
      'Slack Pro: 3 seats to reclaim, $5,400 a year; 50 assigned on 100 bought, 50 unassigned; ' +
        '40 need one, so 60 would be spare after reclaiming 10.',
    ],
    [
      'pounds, rounded as on the dashboard',
      {
        name: 'Adobe Creative Cloud All Apps (Teams)',
        currency: 'GBP',
        reclaimable: 2,
        reclaimableAnnualCost: 215_976,
      },
      'Adobe Creative Cloud All Apps (Teams): 2 seats to reclaim, £2,160 a year; ' +
        '50 assigned on 100 bought, 50 unassigned; 40 need one, so 60 would be spare after reclaiming 10.',
    ],
  ])('names the seats, the money as the dashboard shows it, and the positions: %s', (_name, fields, message) => {
    const [alert] = evaluateAlerts(facts({ subscriptions: [sub(fields)] }));
    expect(alert!.message).toBe(message);
  });
});

describe('shadow IT and silent devices', () => {
  it('raises one alert per undecided app and per silent person', () => {
    const alerts = evaluateAlerts(
      facts({
        discovered: [
          { appId: 'canva', appName: 'Canva', status: 'under_review', users: 1 },
          { appId: 'miro', appName: 'Miro', status: 'unsanctioned', users: 5 },
          { appId: 'chatgpt', appName: 'ChatGPT', status: 'under_review', users: 12 },
        ],
        silentPeople: [{ personId: 4, email: 'ada@example.com', lastSeenDay: '2026-11-10' }],
      }),
    );
    expect(alerts.map((a) => [a.kind, a.subject.id, a.message])).toEqual([
      ['shadow_it', 'canva', '1 person uses Canva with no subscription; mark it sanctioned or unsanctioned.'],
      ['shadow_it', 'chatgpt', '12 people use ChatGPT with no subscription; mark it sanctioned or unsanctioned.'],
      [
        'devices_silent',
        '4',
        "No upload from ada@example.com's browser since 2026-11-10: their use is no longer measured.",
      ],
    ]);
  });
});

describe('following the rules over time', () => {
  const desired = (level: number, message = `level ${level}`) => ({
    kind: 'renewal_due' as const,
    subject: { type: 'subscription', id: '1', name: 'Slack' },
    severity: 'info' as const,
    level,
    message,
  });
  const live = (fields: Partial<LiveAlert> = {}): LiveAlert => ({
    id: 7,
    kind: 'renewal_due',
    subjectType: 'subscription',
    subjectId: '1',
    level: 1,
    state: 'open',
    message: 'level 1',
    severity: 'info',
    snoozedUntil: null,
    ...fields,
  });

  it('creates and notifies a new alert', () => {
    expect(planAlertChanges([], [desired(1)], TODAY)).toEqual({
      create: [desired(1)],
      update: [],
      resolve: [],
      notify: [desired(1)],
    });
  });

  it('leaves an unchanged alert alone, whether open or acknowledged', () => {
    for (const state of ['open', 'acknowledged'] as const) {
      expect(planAlertChanges([live({ state })], [desired(1)], TODAY)).toEqual({
        create: [],
        update: [],
        resolve: [],
        notify: [],
      });
    }
  });

  it('escalates: updates, and notifies unless snoozed', () => {
    expect(planAlertChanges([live()], [desired(3)], TODAY)).toEqual({
      create: [],
      update: [{ id: 7, alert: desired(3), escalated: true }],
      resolve: [],
      notify: [desired(3)],
    });
    expect(planAlertChanges([live({ snoozedUntil: '2026-11-25' })], [desired(3)], TODAY).notify).toEqual([]);
    expect(planAlertChanges([live({ snoozedUntil: '2026-11-20' })], [desired(3)], TODAY).notify).toEqual([desired(3)]);
  });

  it('updates a changed message without notifying', () => {
    expect(planAlertChanges([live()], [desired(1, 'new words')], TODAY)).toEqual({
      create: [],
      update: [{ id: 7, alert: desired(1, 'new words'), escalated: false }],
      resolve: [],
      notify: [],
    });
  });

  it('resolves an alert whose condition cleared, and keeps one per kind and subject', () => {
    expect(planAlertChanges([live()], [], TODAY).resolve).toEqual([7]);
    expect(planAlertChanges([], [desired(1), desired(2)], TODAY).create).toEqual([desired(1)]);
  });
});
