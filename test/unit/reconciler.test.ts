// A reconciliation kept current by catching up on the index's changes equals one reckoned afresh, at every step of a
// random history of usage changes, and never changes what it handed out before.
import { describe, expect, it } from 'vitest';
import { Reconciler } from '../../server/domain/reconciler.ts';
import {
  type InventoryFacts,
  reconcileWithUsage,
  type SeatFacts,
  type SubscriptionFacts,
} from '../../server/domain/reconciliation-report.ts';
import { seededRandom } from '../../server/domain/seeded-random.ts';
import { UsageIndex } from '../../server/domain/usage-index.ts';

const AS_OF = '2026-11-20';
const APPS = ['slack', 'figma', 'notion'];
const WINDOWS = [30, 60];
const PEOPLE = 40;
const DAYS = ['2026-08-01', '2026-10-01', '2026-11-01', '2026-11-19', '2026-11-20'];

function company(random: () => number): InventoryFacts {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const subscriptions: SubscriptionFacts[] = Array.from({ length: 7 }, (_, i) => ({
    id: i + 1,
    appId: APPS[i % APPS.length]!,
    appName: APPS[i % APPS.length]!,
    plan: `Plan ${i}`,
    currency: i % 3 === 0 ? 'EUR' : 'USD',
    metric: i === 5 ? 'concurrent' : i === 6 ? 'site' : 'named_user',
    seats: i === 6 ? null : 10 + i,
    unitCost: 100 * (i + 1),
    billingPeriod: i % 2 ? 'monthly' : 'annual',
    activityWindowDays: pick(WINDOWS),
    minActiveMinutes: pick([0, 1, 30]),
  }));
  const seats: SeatFacts[] = [];
  for (const subscription of subscriptions)
    for (let personId = 1; personId <= PEOPLE; personId += 1) {
      if (random() < 0.5) continue;
      seats.push({
        seatId: seats.length + 1,
        subscriptionId: subscription.id,
        personId,
        assignedAt: pick(['2026-01-01', '2026-11-10', '2026-12-01']),
        vendorLastActiveDay: random() < 0.3 ? pick(DAYS) : null,
        personStatus: random() < 0.1 ? 'left' : 'active',
        endDate: random() < 0.05 ? '2026-11-01' : null,
      });
    }
  return { asOf: AS_OF, retainedFrom: '2026-09-01', subscriptions, seats };
}

/** One random change of the kind a refresh makes: a pair's figures (or its removal), a last upload, a day's count. */
function changeUsage(index: UsageIndex, random: () => number) {
  const personId = 1 + Math.floor(random() * PEOPLE);
  const appId = APPS[Math.floor(random() * APPS.length)]!;
  const roll = random();
  if (roll < 0.6) {
    const seconds = WINDOWS.map(() => (random() < 0.3 ? 0 : Math.floor(random() * 3_600)));
    seconds[1] = Math.max(seconds[0]!, seconds[1]!);
    const firstDay = random() < 0.2 ? null : DAYS[Math.floor(random() * DAYS.length)]!;
    index.setPair(personId, appId, random() < 0.1 ? null : { personId, appId, firstDay, seconds });
  } else if (roll < 0.85) {
    index.setLastUpload(personId, random() < 0.2 ? null : DAYS[Math.floor(random() * DAYS.length)]!);
  } else {
    const rule = { windowDays: WINDOWS[Math.floor(random() * 2)]!, minActiveMinutes: 1 };
    index.setDailyActive(rule, appId, DAYS[Math.floor(random() * DAYS.length)]!, Math.floor(random() * 9));
  }
}

describe('Reconciler', () => {
  it.each([1, 2, 3, 4, 5, 6])('catches up to the same figures as a fresh reckoning (history %i)', (seed) => {
    const random = seededRandom(seed);
    const facts = company(random);
    const index = new UsageIndex(AS_OF, WINDOWS);
    for (let i = 0; i < 150; i += 1) changeUsage(index, random);
    const reconciler = new Reconciler(facts, index);
    for (let step = 0; step < 40; step += 1) {
      const changes = 1 + Math.floor(random() * 6);
      for (let i = 0; i < changes; i += 1) changeUsage(index, random);
      expect(reconciler.current()).toEqual(reconcileWithUsage(facts, index));
    }
  });

  it('leaves a report it handed out as it was', () => {
    const random = seededRandom(7);
    const facts = company(random);
    const index = new UsageIndex(AS_OF, WINDOWS);
    const reconciler = new Reconciler(facts, index);
    const first = reconciler.current()!;
    const snapshot = structuredClone(first);
    const holder = facts.seats.find((seat) => seat.personStatus === 'active' && seat.assignedAt === '2026-01-01')!;
    const appId = facts.subscriptions.find((s) => s.id === holder.subscriptionId)!.appId;
    index.setPair(holder.personId, appId, { personId: holder.personId, appId, firstDay: AS_OF, seconds: [9e3, 9e3] });
    const second = reconciler.current()!;
    expect(second).not.toEqual(first);
    expect(first).toEqual(snapshot);
  });

  it('answers the same report while the index is unchanged, and null when it cannot catch up', () => {
    const random = seededRandom(8);
    const facts = company(random);
    const index = new UsageIndex(AS_OF, WINDOWS);
    const reconciler = new Reconciler(facts, index);
    expect(reconciler.current()).toBe(reconciler.current());
    // More changes than the index remembers: the reconciler has to be built again.
    for (let i = 0; i <= 100_000; i += 1) index.setLastUpload(1 + (i % PEOPLE), AS_OF);
    expect(reconciler.current()).toBeNull();
    expect(new Reconciler(facts, index).current()).toEqual(reconcileWithUsage(facts, index));
  });

  it('is only of the facts and index it was built from', () => {
    const facts = company(seededRandom(9));
    const index = new UsageIndex(AS_OF, WINDOWS);
    const reconciler = new Reconciler(facts, index);
    expect(reconciler.isOf(facts, index)).toBe(true);
    expect(reconciler.isOf({ ...facts }, index)).toBe(true);
    expect(reconciler.isOf({ ...facts, seats: [...facts.seats] }, index)).toBe(false);
    expect(reconciler.isOf({ ...facts, retainedFrom: undefined }, index)).toBe(false);
    expect(reconciler.isOf(facts, new UsageIndex(AS_OF, WINDOWS))).toBe(false);
  });
});
