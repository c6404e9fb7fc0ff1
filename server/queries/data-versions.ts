// The counters the database's triggers bump on every write to a group of tables (db/schema-change-tracking.ts).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { dataVersions } from '../db/schema.ts';

/** `inventory`: subscriptions, seats, people and apps. */
export async function dataVersion(db: Db, name: 'inventory'): Promise<number> {
  const [row] = await db
    .select({ version: dataVersions.version })
    .from(dataVersions)
    .where(eq(dataVersions.name, name));
  return row?.version ?? 0;
}
