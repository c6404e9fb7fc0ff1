// Apps: the shipped catalog seeded at start, custom apps, and the catalog devices download.
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { CATALOG } from '../catalog/apps.ts';
import type { App, Catalog } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apps } from '../db/schema.ts';

type AppRow = typeof apps.$inferSelect;
type Writer = Pick<Db, 'insert' | 'select' | 'update'>;

const toApp = (row: AppRow): App => ({
  id: row.id,
  name: row.name,
  domains: row.domains,
  category: row.category,
  status: row.status,
  source: row.source,
  ownerEmail: row.ownerEmail,
});

/**
 * Adds catalog apps that are missing and refreshes their names and domains; never touches an admin's status,
 * owner, or a catalog app whose name, domains or category an admin edited.
 */
export async function seedCatalog(db: Db): Promise<void> {
  await db
    .insert(apps)
    .values(CATALOG.map((entry) => ({ ...entry, source: 'catalog' as const })))
    .onConflictDoUpdate({
      target: apps.id,
      set: { name: sql`excluded.name`, domains: sql`excluded.domains`, category: sql`excluded.category` },
      setWhere: sql`${apps.source} = 'catalog' and ${apps.editedAt} is null`,
    });
}

export async function listApps(db: Db): Promise<App[]> {
  const rows = await db.select().from(apps).orderBy(asc(apps.name));
  return rows.map(toApp);
}

/** Every app's id, and nothing else: what an upload's records are checked against. */
export async function listAppIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: apps.id }).from(apps);
  return rows.map((row) => row.id);
}

export async function getApp(db: Pick<Db, 'select'>, id: string): Promise<App | null> {
  const [row] = await db.select().from(apps).where(eq(apps.id, id));
  return row ? toApp(row) : null;
}

/**
 * The first of `domains` that another app already matches exactly, with that app; exact duplicates make matching
 * ambiguous.
 */
export async function findDomainOwner(db: Pick<Db, 'select'>, domains: string[], exceptAppId?: string) {
  const rows = await db.select({ id: apps.id, domains: apps.domains }).from(apps);
  for (const row of rows) {
    if (row.id === exceptAppId) continue;
    const taken = domains.find((domain) => row.domains.includes(domain));
    if (taken) return { domain: taken, appId: row.id };
  }
  return null;
}

export async function saveNewApp(db: Writer, app: Omit<App, 'source'>): Promise<App | null> {
  const [row] = await db
    .insert(apps)
    .values({ ...app, source: 'custom' })
    .onConflictDoNothing()
    .returning();
  return row ? toApp(row) : null;
}

export async function saveAppChanges(
  db: Writer,
  id: string,
  changes: Partial<Omit<App, 'id' | 'source'>>,
  now: Date,
): Promise<App | null> {
  const editsCatalogFields =
    changes.name !== undefined || changes.domains !== undefined || changes.category !== undefined;
  const [row] = await db
    .update(apps)
    .set({ ...changes, ...(editsCatalogFields ? { editedAt: now } : {}) })
    .where(eq(apps.id, id))
    .returning();
  return row ? toApp(row) : null;
}

/** What devices track: every app with its domains. The version changes whenever any id or domain does. */
export async function getDeviceCatalog(db: Db): Promise<Catalog> {
  const rows = await db
    .select({ id: apps.id, name: apps.name, domains: apps.domains })
    .from(apps)
    .orderBy(asc(apps.id));
  const version = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  return { version, apps: rows };
}
