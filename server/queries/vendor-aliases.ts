// The vendor names admins mapped to apps, beyond the shipped legal names.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apps, vendorAliases } from '../db/schema.ts';

export type StoredVendorAlias = { alias: string; appId: string; appName: string; createdBy: string; createdAt: Date };

export async function listVendorAliases(db: Db): Promise<StoredVendorAlias[]> {
  return db
    .select({
      alias: vendorAliases.alias,
      appId: vendorAliases.appId,
      appName: apps.name,
      createdBy: vendorAliases.createdBy,
      createdAt: vendorAliases.createdAt,
    })
    .from(vendorAliases)
    .innerJoin(apps, eq(apps.id, vendorAliases.appId))
    .orderBy(asc(vendorAliases.alias));
}

/** Adds the alias or points it at another app; replies what was there before (null when it is new). */
export async function saveVendorAlias(
  db: Db,
  alias: { alias: string; appId: string; createdBy: string },
): Promise<{ appId: string } | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ appId: vendorAliases.appId })
      .from(vendorAliases)
      .where(eq(vendorAliases.alias, alias.alias));
    await tx
      .insert(vendorAliases)
      .values(alias)
      .onConflictDoUpdate({ target: vendorAliases.alias, set: { appId: alias.appId, createdBy: alias.createdBy } });
    return before ?? null;
  });
}

export async function deleteVendorAlias(db: Db, alias: string): Promise<{ appId: string } | null> {
  const [row] = await db
    .delete(vendorAliases)
    .where(eq(vendorAliases.alias, alias))
    .returning({ appId: vendorAliases.appId });
  return row ?? null;
}
