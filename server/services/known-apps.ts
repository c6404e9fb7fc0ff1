// The app ids an upload may name, kept in memory per database: every upload checks its records against them, and
// reading the whole app list per upload cost a fifth of ingest's time. Apps are only ever added (there is no delete),
// so a cached id stays true; an id missing from the cache is looked up again before it is refused, so an app added a
// moment ago, or by another instance on the same database, is never refused.
import type { Db } from '../db/client.ts';
import { listAppIds } from '../queries/apps.ts';

const knownByDb = new WeakMap<Db, Promise<Set<string>>>();

const reload = (db: Db) => {
  const loading = listAppIds(db).then((ids) => new Set(ids));
  knownByDb.set(db, loading);
  // A failed read is not kept: the next upload reads again.
  loading.catch(() => knownByDb.delete(db));
  return loading;
};

/** The first of `appIds` that is no app in the catalog, or undefined when all are. */
export async function firstUnknownApp(db: Db, appIds: readonly string[]): Promise<string | undefined> {
  const known = await (knownByDb.get(db) ?? reload(db));
  if (appIds.every((id) => known.has(id))) return undefined;
  const fresh = await reload(db);
  return appIds.find((id) => !fresh.has(id));
}
