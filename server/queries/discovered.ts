// Shadow IT: catalog apps people use that no subscription covers, with who and where, from the usage rollups.
import type { DiscoveredApp } from '../contract.ts';
import type { Db } from '../db/client.ts';

type Row = {
  appId: string;
  appName: string;
  status: DiscoveredApp['status'];
  users: number;
  departments: string | null;
  firstSeen: string;
  lastSeen: string;
};

/** Apps used (on or after `since`, when given) by anyone, that have no subscription; most users first. */
export async function listDiscoveredApps(db: Db, since: string | null): Promise<DiscoveredApp[]> {
  const result = await db.$client.execute({
    sql: `select a.id as appId, a.name as appName, a.status as status, count(*) as users,
            json_group_array(distinct p.department) filter (where p.department is not null) as departments,
            min(u.first_day) as firstSeen, max(u.last_day) as lastSeen
          from person_app_usage u
          join apps a on a.id = u.app_id
          join people p on p.id = u.person_id
          where not exists (select 1 from subscriptions s where s.app_id = u.app_id)
            and (? is null or u.last_day >= ?)
          group by a.id
          order by users desc, a.name`,
    args: [since, since],
  });
  return (result.rows as unknown as Row[]).map((row) => ({
    appId: row.appId,
    appName: row.appName,
    status: row.status,
    users: Number(row.users),
    departments: (JSON.parse(row.departments ?? '[]') as string[]).sort(),
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
  }));
}
