// Activity over time and extension coverage, from the rollups the ingest triggers keep (never raw usage).
import { and, asc, between, count, countDistinct, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Coverage, DailyActivity } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { devices, people, personUsageDaily } from '../db/schema.ts';
import { addDays, daysBetween } from '../domain/days.ts';

/** Every day from `from` to `to`: distinct people with active time (on one app, or any) and their seconds. */
export async function dailyActivity(
  db: Db,
  query: { appId?: string | undefined; from: string; to: string },
): Promise<DailyActivity[]> {
  const rows = await db
    .select({
      day: personUsageDaily.day,
      users: countDistinct(personUsageDaily.personId),
      seconds: sql`sum(${personUsageDaily.activeSeconds})`.mapWith(Number),
    })
    .from(personUsageDaily)
    .where(
      and(
        between(personUsageDaily.day, query.from, query.to),
        gt(personUsageDaily.activeSeconds, 0),
        query.appId ? eq(personUsageDaily.appId, query.appId) : undefined,
      ),
    )
    .groupBy(personUsageDaily.day);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: daysBetween(query.from, query.to) + 1 }, (_, i) => {
    const day = addDays(query.from, i);
    const found = byDay.get(day);
    return { day, activeUsers: found?.users ?? 0, activeSeconds: found?.seconds ?? 0 };
  });
}

const MS_PER_DAY = 86_400_000;

export type DepartmentCoverage = { department: string | null; people: number; reporting: number };

/** Coverage with each department's exact counts; the service suppresses small departments before anyone sees it. */
export async function coverageCounts(
  db: Db,
  now: Date,
): Promise<Omit<Coverage, 'byDepartment'> & { byDepartment: DepartmentCoverage[] }> {
  const since = new Date(now.getTime() - 7 * MS_PER_DAY);
  const live = and(eq(devices.personId, people.id), isNull(devices.revokedAt));
  const headcount = count();
  const rows = await db
    .select({
      department: people.department,
      people: headcount,
      withDevice: sql`sum(exists (select 1 from ${devices} where ${live}))`.mapWith(Number),
      reporting: sql`sum(exists (select 1 from ${devices} where ${and(live, gte(devices.lastSeenAt, since))}))`.mapWith(
        Number,
      ),
    })
    .from(people)
    .where(eq(people.status, 'active'))
    .groupBy(people.department)
    .orderBy(desc(headcount), asc(people.department));
  const sum = (key: 'people' | 'withDevice' | 'reporting') => rows.reduce((total, row) => total + row[key], 0);
  return {
    people: sum('people'),
    withDevice: sum('withDevice'),
    reportingLast7Days: sum('reporting'),
    byDepartment: rows.map(({ department, people, reporting }) => ({ department, people, reporting })),
  };
}
