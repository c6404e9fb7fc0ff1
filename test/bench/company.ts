// Generates a synthetic company for benchmarks: people, subscriptions, seats and 90 days of usage, deterministically.
import { CATALOG } from '../../server/catalog/apps.ts';
import { addDays } from '../../server/domain/days.ts';
import { seededRandom } from '../../server/domain/seeded-random.ts';
import { buildInventory } from './inventory.ts';

export type CompanySize = {
  people: number;
  subscriptions: number;
  days: number;
  appsPerPerson: number;
  activeDayShare: number;
};

export const FULL_SIZE: CompanySize = {
  people: 10_000,
  subscriptions: 250,
  days: 90,
  appsPerPerson: 4,
  activeDayShare: 0.6,
};

export type UsageRow = {
  personIndex: number;
  appId: string;
  day: string;
  activeSeconds: number;
  visits: number;
  lastActiveAt: string;
};

export function buildCompany(size: CompanySize, asOf: string) {
  const random = seededRandom(42);
  const departments = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Support', 'Operations', 'Design', 'HR'];
  const people = Array.from({ length: size.people }, (_, i) => ({
    email: `person${i}@bench.example`,
    department: departments[i % departments.length]!,
  }));
  const appIds = CATALOG.map((app) => app.id);
  const { subscriptions, seats } = buildInventory(size.people, random, size.subscriptions);
  const appsOf = people.map(() =>
    Array.from({ length: size.appsPerPerson }, () => appIds[Math.floor(random() * appIds.length)]!),
  );
  const firstDay = addDays(asOf, -(size.days - 1));
  function* usage(): Generator<UsageRow> {
    for (let d = 0; d < size.days; d += 1) {
      const day = addDays(firstDay, d);
      for (let p = 0; p < people.length; p += 1) {
        for (const appId of new Set(appsOf[p])) {
          if (random() > size.activeDayShare) continue;
          yield {
            personIndex: p,
            appId,
            day,
            activeSeconds: 60 + Math.floor(random() * 7_000),
            visits: 1 + Math.floor(random() * 6),
            lastActiveAt: `${day}T15:00:00Z`,
          };
        }
      }
    }
  }
  return { people, subscriptions, seats, usage };
}
