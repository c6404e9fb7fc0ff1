// Apps: the shipped catalog seeded at start, custom apps, and the catalog devices download.
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { App, Catalog } from '../contract.ts';
import { CATALOG } from '../catalog/apps.ts';
import type { Db } from '../db/client.ts';
import { apps } from '../db/schema.ts';

type AppRow = typeof apps.$inferSelect;

const toApp = (row: AppRow): App => ({
  id: row.id,
  name: row.name,
  domains: row.domains,
  category: row.category,
  status: row.status,
  source: row.source,
});

/** Adds catalog apps that are missing and refreshes their names and domains; never touches an admin's status. */
export async function seedCatalog(db: Db): Promise<void> {
  await db
    .insert(apps)
    .values(CATALOG.map((entry) => ({ ...entry, source: 'catalog' as const })))
    .onConflictDoUpdate({
      target: apps.id,
      set: { name: sql`excluded.name`, domains: sql`excluded.domains`, category: sql`excluded.category` },
      setWhere: sql`${apps.source} = 'catalog'`,
    });
}

export async function listApps(db: Db): Promise<App[]> {
  const rows = await db.select().from(apps).orderBy(asc(apps.name));
  return rows.map(toApp);
}

export async function getApp(db: Db, id: string): Promise<App | null> {
  const [row] = await db.select().from(apps).where(eq(apps.id, id));
  return row ? toApp(row) : null;
}

/** What devices track: every app with its domains. The version changes whenever any id or domain does. */
export async function getDeviceCatalog(db: Db): Promise<Catalog> {
  const rows = await db.select({ id: apps.id, name: apps.name, domains: apps.domains }).from(apps).orderBy(asc(apps.id));
  const version = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  return { version, apps: rows };
}
