// Enrolled devices (one browser profile each): lookup by token hash, the list for IT, revoking one.
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DeviceList } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { devices, people } from '../db/schema.ts';

export type DevicePrincipal = { id: string; personId: number };

const liveDevicesQuery = (db: Db) =>
  db
    .select({ id: devices.id, personId: devices.personId, tokenHash: devices.tokenHash })
    .from(devices)
    .where(
      and(
        sql`${devices.tokenHash} in (select value from json_each(${sql.placeholder('tokenHashes')}))`,
        isNull(devices.revokedAt),
      ),
    )
    .prepare();
// Every upload's token is looked up with it: the query is built once per database, not per request.
const liveDevicesQueries = new WeakMap<Db, ReturnType<typeof liveDevicesQuery>>();

/** The not revoked devices among those whose tokens have these hashes, by hash: one statement for them all. */
export async function findLiveDevices(db: Db, tokenHashes: readonly string[]): Promise<Map<string, DevicePrincipal>> {
  let query = liveDevicesQueries.get(db);
  if (!query) {
    query = liveDevicesQuery(db);
    liveDevicesQueries.set(db, query);
  }
  const rows = await query.all({ tokenHashes: JSON.stringify(tokenHashes) });
  return new Map(rows.map((row) => [row.tokenHash, { id: row.id, personId: row.personId }]));
}

/** The not revoked device whose token has this hash. */
export async function findLiveDevice(db: Db, tokenHash: string): Promise<DevicePrincipal | null> {
  return (await findLiveDevices(db, [tokenHash])).get(tokenHash) ?? null;
}

export async function listDevices(
  db: Db,
  filter: { email?: string | undefined; limit: number; offset: number },
): Promise<DeviceList> {
  const where = filter.email ? eq(people.email, filter.email) : undefined;
  const [total] = await db
    .select({ n: count() })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .where(where);
  const rows = await db
    .select({
      id: devices.id,
      email: people.email,
      browser: devices.browser,
      extensionVersion: devices.extensionVersion,
      enrolledAt: devices.enrolledAt,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
      verifiedAt: devices.verifiedAt,
    })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .where(where)
    .orderBy(desc(devices.lastSeenAt), asc(devices.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return {
    total: total?.n ?? 0,
    devices: rows.map((row) => ({
      ...row,
      enrolledAt: row.enrolledAt.toISOString(),
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      verifiedAt: row.verifiedAt?.toISOString() ?? null,
    })),
  };
}

/** Revokes the device's token: its next upload gets 401 and the extension enrolls again. Usage stays. */
export async function revokeDevice(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set({ revokedAt: now })
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
    .returning({ id: devices.id });
  return rows.length > 0;
}
