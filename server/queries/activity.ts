// Activity over time and extension coverage, from the rollups the ingest triggers keep (never raw usage).
import type { Coverage, DailyActivity } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays, daysBetween } from '../domain/days.ts';

/** Every day from `from` to `to`: distinct people with active time (on one app, or any) and their seconds. */
export async function dailyActivity(
  db: Db,
  query: { appId?: string | undefined; from: string; to: string },
): Promise<DailyActivity[]> {
  const result = await db.$client.execute({
    sql: `select day, count(distinct person_id) as users, sum(active_seconds) as seconds from person_usage_daily
          where day between ? and ? and active_seconds > 0 ${query.appId ? 'and app_id = ?' : ''}
          group by day`,
    args: query.appId ? [query.from, query.to, query.appId] : [query.from, query.to],
  });
  const byDay = new Map(
    result.rows.map((row) => [String(row.day), { users: Number(row.users), seconds: Number(row.seconds) }]),
  );
  return Array.from({ length: daysBetween(query.from, query.to) + 1 }, (_, i) => {
    const day = addDays(query.from, i);
    const found = byDay.get(day);
    return { day, activeUsers: found?.users ?? 0, activeSeconds: found?.seconds ?? 0 };
  });
}

const MS_PER_DAY = 86_400_000;

export async function coverage(db: Db, now: Date): Promise<Coverage> {
  const since = now.getTime() - 7 * MS_PER_DAY;
  const result = await db.$client.execute({
    sql: `select p.department as department, count(*) as people,
            sum(exists (select 1 from devices d where d.person_id = p.id and d.revoked_at is null)) as with_device,
            sum(exists (select 1 from devices d where d.person_id = p.id and d.revoked_at is null and d.last_seen_at >= ?)) as reporting
          from people p where p.status = 'active'
          group by p.department order by people desc, p.department`,
    args: [since],
  });
  const rows = result.rows.map((row) => ({
    department: row.department === null ? null : String(row.department),
    people: Number(row.people),
    withDevice: Number(row.with_device),
    reporting: Number(row.reporting),
  }));
  const sum = (key: 'people' | 'withDevice' | 'reporting') => rows.reduce((total, row) => total + row[key], 0);
  return {
    people: sum('people'),
    withDevice: sum('withDevice'),
    reportingLast7Days: sum('reporting'),
    byDepartment: rows.map(({ department, people, reporting }) => ({ department, people, reporting })),
  };
}
