// Shadow IT: catalog apps people use that no subscription covers, with who and where, from the usage rollups.
import { and, asc, count, desc, eq, gte, max, min, notExists, sql } from 'drizzle-orm';
import type { DiscoveredApp } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apps, people, personAppUsage, subscriptions } from '../db/schema.ts';
import { departmentsOfAtLeast } from '../domain/group-size.ts';

/** Apps used (on or after `since`, when given) by anyone, that have no subscription; most users first. */
/** A discovered app as usage alone finds it (the shadow_it alert reads this). */
export type UsedApp = Omit<
  DiscoveredApp,
  'sources' | 'annualisedSpend' | 'payers' | 'seatMonths' | 'consolidationCandidate'
>;

/**
 * `minGroupSize`: a department is listed only when at least that many of its people used the app (DESIGN section
 * 10: no figure about fewer than N people of a department).
 */
export async function listDiscoveredApps(db: Db, since: string | null, minGroupSize = 1): Promise<UsedApp[]> {
  const users = count();
  const rows = await db
    .select({
      appId: apps.id,
      appName: apps.name,
      status: apps.status,
      users,
      // SQLite gathers each user's department as one JSON array; null when nobody who used the app has a department.
      departments: sql<string | null>`json_group_array(${people.department})
        filter (where ${people.department} is not null)`,
      firstSeen: min(personAppUsage.firstDay),
      lastSeen: max(personAppUsage.lastDay),
    })
    .from(personAppUsage)
    .innerJoin(apps, eq(apps.id, personAppUsage.appId))
    .innerJoin(people, eq(people.id, personAppUsage.personId))
    .where(
      and(
        notExists(db.select({ one: sql`1` }).from(subscriptions).where(eq(subscriptions.appId, personAppUsage.appId))),
        since === null ? undefined : gte(personAppUsage.lastDay, since),
      ),
    )
    .groupBy(apps.id)
    .orderBy(desc(users), asc(apps.name));
  return rows.map((row) => ({
    appId: row.appId,
    appName: row.appName,
    status: row.status,
    users: row.users,
    departments: departmentsOfAtLeast(JSON.parse(row.departments ?? '[]') as string[], minGroupSize),
    // A group has at least one usage row, so its first and last day are never null.
    firstSeen: row.firstSeen!,
    lastSeen: row.lastSeen!,
  }));
}
