// What the alert rules read besides the reconciliation: active people whose every live device has gone quiet.
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { devices, people } from '../db/schema.ts';

export type SilentPerson = { personId: number; email: string; lastSeenAt: Date };

/** Active people with a live device whose latest upload is before `before` (ms); people never seen are left out. */
export async function silentPeople(db: Db, before: number): Promise<SilentPerson[]> {
  const lastSeen = max(devices.lastSeenAt);
  const rows = await db
    .select({ personId: people.id, email: people.email, lastSeenAt: lastSeen })
    .from(people)
    .innerJoin(devices, and(eq(devices.personId, people.id), isNull(devices.revokedAt)))
    .where(eq(people.status, 'active'))
    .groupBy(people.id)
    .having(sql`${lastSeen} < ${before}`)
    .orderBy(asc(people.email));
  return rows.flatMap((row) => (row.lastSeenAt ? [{ ...row, lastSeenAt: row.lastSeenAt }] : []));
}
