// What the server holds about a device's person: who they are and their usage from a day on (GET /devices/me).
import { and, countDistinct, desc, eq, gte, sql } from 'drizzle-orm';
import type { DeviceMeApp } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apps, devices, people, personUsageDaily } from '../db/schema.ts';

export type DevicePerson = { personId: number; email: string; name: string | null; verified: boolean };

/** The device's person as stored: the email a single sign-on enrollment bound, not what a policy configured. */
export async function findDevicePerson(db: Db, deviceId: string): Promise<DevicePerson | null> {
  const [row] = await db
    .select({ personId: people.id, email: people.email, name: people.name, verifiedAt: devices.verifiedAt })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .where(eq(devices.id, deviceId));
  return row ? { personId: row.personId, email: row.email, name: row.name, verified: row.verifiedAt !== null } : null;
}

export type PersonUsageSince = { apps: DeviceMeApp[]; daysWithUsage: number };

/**
 * Per app, the person's seconds and days from `from` on, read from the per-person rollup that reconciliation reads
 * too (one index range per person: at most retention days times their apps).
 */
export async function personUsageSince(db: Db, personId: number, from: string): Promise<PersonUsageSince> {
  const inPeriod = and(eq(personUsageDaily.personId, personId), gte(personUsageDaily.day, from));
  const [byApp, [days]] = await Promise.all([
    db
      .select({
        appId: personUsageDaily.appId,
        appName: sql<string>`coalesce(${apps.name}, ${personUsageDaily.appId})`,
        activeSeconds: sql`sum(${personUsageDaily.activeSeconds})`.mapWith(Number),
        days: sql`count(*)`.mapWith(Number),
        lastDay: sql<string>`max(${personUsageDaily.day})`,
      })
      .from(personUsageDaily)
      .leftJoin(apps, eq(apps.id, personUsageDaily.appId))
      .where(inPeriod)
      .groupBy(personUsageDaily.appId)
      .orderBy(desc(sql`sum(${personUsageDaily.activeSeconds})`), personUsageDaily.appId),
    db
      .select({ n: countDistinct(personUsageDaily.day) })
      .from(personUsageDaily)
      .where(inPeriod),
  ]);
  return { apps: byApp, daysWithUsage: days?.n ?? 0 };
}
