// Vendor names and the apps they are: the shipped legal names, and the aliases admins add (from an import's unmatched
// vendor, say), which win over the shipped ones. Writes are audited; an alias changes no figure, so nothing is
// announced.
import { VENDOR_ALIASES } from '../catalog/vendor-aliases.ts';
import type { CreateVendorAliasBody, VendorAlias } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { buildVendorIndex, normaliseVendor, type VendorIndex } from '../domain/vendor-match.ts';
import { badRequest, notFound } from '../errors.ts';
import { getApp, listApps } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { deleteVendorAlias, listVendorAliases, saveVendorAlias } from '../queries/vendor-aliases.ts';

/** What a register's vendor names are matched against, as stored now. */
export async function loadVendorIndex(db: Db): Promise<VendorIndex> {
  const [apps, aliases] = await Promise.all([listApps(db), listVendorAliases(db)]);
  return buildVendorIndex(
    apps,
    aliases.map((a) => ({ vendor: a.alias, appIds: [a.appId] })),
    VENDOR_ALIASES,
  );
}

/** The admins' aliases, then the shipped ones (normalised, one row per app), each by alias. */
export async function listAliases(db: Db): Promise<VendorAlias[]> {
  const [apps, stored] = await Promise.all([listApps(db), listVendorAliases(db)]);
  const names = new Map(apps.map((app) => [app.id, app.name]));
  const admin = stored.map(
    (a): VendorAlias => ({
      alias: a.alias,
      appId: a.appId,
      appName: a.appName,
      source: 'admin',
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
    }),
  );
  const shipped = VENDOR_ALIASES.flatMap((entry) =>
    entry.appIds
      .filter((appId) => names.has(appId))
      .map(
        (appId): VendorAlias => ({
          alias: normaliseVendor(entry.vendor),
          appId,
          appName: names.get(appId)!,
          source: 'shipped',
          createdBy: null,
          createdAt: null,
        }),
      ),
  ).sort((a, b) => a.alias.localeCompare(b.alias) || a.appId.localeCompare(b.appId));
  return [...admin, ...shipped];
}

/** Maps a vendor name (stored normalised) to an app; an alias that exists is pointed at the new app. */
export async function addAlias(db: Db, body: CreateVendorAliasBody, actor: string): Promise<VendorAlias> {
  const alias = normaliseVendor(body.vendor);
  if (alias === '') throw badRequest('invalid_body', 'vendor: has no letters or digits to match on.');
  const app = await getApp(db, body.appId);
  if (!app) throw badRequest('unknown_app', `appId: "${body.appId}" is not a known app.`);
  const before = await saveVendorAlias(db, { alias, appId: app.id, createdBy: actor });
  await recordAudit(db, {
    actor,
    action: 'vendor_alias.save',
    subjectType: 'vendor_alias',
    subjectId: alias,
    before,
    after: { alias, appId: app.id, vendor: body.vendor },
  });
  const saved = (await listVendorAliases(db)).find((a) => a.alias === alias)!;
  return { ...saved, source: 'admin', createdAt: saved.createdAt.toISOString() };
}

/** Removes an admin's alias (as written or normalised); shipped names cannot be removed. */
export async function removeAlias(db: Db, vendor: string, actor: string): Promise<{ deleted: true }> {
  const alias = normaliseVendor(vendor);
  const before = await deleteVendorAlias(db, alias);
  if (!before) throw notFound('The vendor alias');
  await recordAudit(db, {
    actor,
    action: 'vendor_alias.delete',
    subjectType: 'vendor_alias',
    subjectId: alias,
    before: { alias, ...before },
  });
  return { deleted: true };
}
