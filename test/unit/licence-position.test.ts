// The two licence positions in words (DESIGN section 5), and how a subscription is named in text.
import { describe, expect, it } from 'vitest';
import { licencePosition, type PositionFigures } from '../../server/domain/licence-position.ts';
import { subscriptionName } from '../../server/domain/subscription-name.ts';

const counts = { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 };
const named = (over: Partial<PositionFigures>): PositionFigures => ({
  metric: 'named_user',
  seats: 180,
  assigned: 194,
  unassigned: 0,
  overAssigned: 14,
  counts: { ...counts, active: 140, grace: 7, idle: 30, never_used: 12, left: 5 },
  neededSeats: 147,
  licencePosition: 33,
  activePeople: 140,
  peakDailyActive: 120,
  ...over,
});

describe('licencePosition', () => {
  it.each<[string, PositionFigures, string, string]>([
    [
      'over on the contract, spare by use (the design example)',
      named({}),
      '194 assigned on 180 bought, 14 over; 147 need one, so 33 would be spare after reclaiming 47',
      'over',
    ],
    [
      'reclaiming is net: assigned minus needed, so the sentence adds up (unmonitored holders included)',
      named({
        seats: 260,
        assigned: 241,
        overAssigned: 0,
        unassigned: 19,
        neededSeats: 175,
        licencePosition: 85,
        counts: { active: 170, grace: 5, idle: 18, never_used: 15, unmonitored: 22, left: 11 },
      }),
      '241 assigned on 260 bought, 19 unassigned; 175 need one, so 85 would be spare after reclaiming 66',
      'spare',
    ],
    [
      'over on both',
      named({ neededSeats: 194, licencePosition: -14, counts: { ...counts, active: 194 } }),
      '194 assigned on 180 bought, 14 over; 194 need one, so 14 short',
      'over',
    ],
    [
      'short by use only: people active without a seat',
      named({
        assigned: 170,
        overAssigned: 0,
        unassigned: 10,
        neededSeats: 185,
        licencePosition: -5,
        counts: { ...counts, active: 170 },
      }),
      '170 assigned on 180 bought, 10 unassigned; 185 need one, so 5 short',
      'short',
    ],
    [
      'spare with nothing to reclaim',
      named({
        assigned: 150,
        overAssigned: 0,
        unassigned: 30,
        neededSeats: 150,
        licencePosition: 30,
        counts: { ...counts, active: 150 },
      }),
      '150 assigned on 180 bought, 30 unassigned; 150 need one, so 30 spare',
      'spare',
    ],
    [
      'exactly enough',
      named({
        assigned: 180,
        overAssigned: 0,
        neededSeats: 180,
        licencePosition: 0,
        counts: { ...counts, active: 180 },
      }),
      '180 assigned on 180 bought; 180 need one, exactly enough',
      'even',
    ],
    [
      'one person',
      named({
        seats: 1,
        assigned: 1,
        overAssigned: 0,
        neededSeats: 1,
        licencePosition: 0,
        counts: { ...counts, active: 1 },
      }),
      '1 assigned on 1 bought; 1 needs one, exactly enough',
      'even',
    ],
    [
      'a concurrent pool without a seat list is told by its peak',
      named({
        metric: 'concurrent',
        seats: 150,
        assigned: 0,
        overAssigned: 0,
        unassigned: 150,
        counts,
        neededSeats: 91,
        licencePosition: 59,
        activePeople: 200,
        peakDailyActive: 91,
      }),
      '150 concurrent seats bought; 200 people active, at most 91 on one day, so 59 spare',
      'spare',
    ],
    [
      'a concurrent pool used beyond its size',
      named({
        metric: 'concurrent',
        seats: 80,
        assigned: 0,
        overAssigned: 0,
        unassigned: 80,
        counts,
        neededSeats: 91,
        licencePosition: -11,
        activePeople: 120,
        peakDailyActive: 91,
      }),
      '80 concurrent seats bought; 120 people active, at most 91 on one day, so 11 short',
      'short',
    ],
    [
      'a site licence: people active and leavers to remove, no seat arithmetic',
      named({
        metric: 'site',
        seats: null,
        assigned: 3,
        unassigned: null,
        overAssigned: 0,
        counts: { ...counts, active: 1, left: 2 },
        neededSeats: null,
        licencePosition: null,
        activePeople: 130,
      }),
      "site licence for everyone, 3 accounts listed; 130 people active; 2 leavers' accounts to remove",
      'none',
    ],
    [
      'a site licence with no seat list',
      named({
        metric: 'site',
        seats: null,
        assigned: 0,
        unassigned: null,
        overAssigned: 0,
        counts,
        neededSeats: null,
        licencePosition: null,
        activePeople: 1,
      }),
      'site licence for everyone; 1 person active',
      'none',
    ],
    [
      'a flat fee without seats',
      named({
        metric: 'flat',
        seats: null,
        assigned: 40,
        unassigned: null,
        overAssigned: 0,
        counts: { ...counts, active: 30, left: 1 },
        neededSeats: null,
        licencePosition: null,
        activePeople: 31,
      }),
      "flat fee, no seat count; 31 people active; 1 leaver's account to remove",
      'none',
    ],
  ])('%s', (_name, row, sentence, tone) => {
    const position = licencePosition(row);
    expect(position.sentence).toBe(sentence);
    expect(position.sentence).toBe(`${position.contract}; ${position.usage}`);
    expect(position.tone).toBe(tone);
  });
});

describe('subscriptionName', () => {
  it.each([
    ['Slack', 'Business+', 'Slack Business+'],
    ['Gong', 'Gong Foundation', 'Gong Foundation'],
    ['Zoom', 'zoom Business', 'zoom Business'],
    ['Notion', 'Notionary', 'Notion Notionary'],
    ['Miro', 'Miro', 'Miro'],
    ['Adobe Creative Cloud', 'All Apps (Teams)', 'Adobe Creative Cloud All Apps (Teams)'],
    ['HubSpot', '', 'HubSpot'],
  ])('%s + %s -> %s', (app, plan, expected) => expect(subscriptionName(app, plan)).toBe(expected));
});
