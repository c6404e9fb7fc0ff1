// Keeps reconciliation's usage index current in memory, per database and as-of day. The first read builds it from
// the rollups (every pair of the company); later reads first read the usage change log the triggers append to and
// re-read only the pairs, people and days that changed, so a read costs what changed since the last one. Any writer
// (this instance, another on the same database, a CLI) is seen, because the log is written by the database itself.
import type { Db } from '../db/client.ts';
import { windowStart } from '../domain/days.ts';
import type { SubscriptionFacts } from '../domain/reconciliation-report.ts';
import { UsageIndex } from '../domain/usage-index.ts';
import { lastPersonIdOf } from '../queries/people.ts';
import {
  type AppDay,
  loadDailyActive,
  loadLastUploadDays,
  loadPairUse,
  type PairKey,
  type UsageShape,
  usageShape,
} from '../queries/reconciliation-facts.ts';
import { pruneUsageChanges, type UsageChange, usageChangeCursor, usageChangesSince } from '../queries/usage-changes.ts';

/**
 * How long the change log keeps a change: an instance that has not read it for longer (none read reconciliation)
 * builds its index again at its next read.
 */
export const USAGE_CHANGES_KEPT_MS = 60 * 60_000;

/** Drops changes every instance has had time to read; returns how many. */
export async function pruneUsageChangeLog(db: Db, now: Date): Promise<number> {
  return pruneUsageChanges(db, new Date(now.getTime() - USAGE_CHANGES_KEPT_MS));
}

/** More changes than this since the last read: reading everything again is cheaper than key by key. */
export const FULL_RELOAD_CHANGES = 50_000;
/** As-of days (and subscription shapes) kept at once: today, and a few a report or a test asked about. */
const ENTRIES_KEPT = 4;

type Entry = { index: UsageIndex; shape: UsageShape; cursor: number };
/** One entry per as-of day and shape, and the turn reads take on it: one build or refresh at a time. */
type Slot = { entry: Entry | null; turn: Promise<unknown> };

const cachesByDb = new WeakMap<Db, Map<string, Slot>>();
const buildsByDb = new WeakMap<Db, number>();

/** How many times this process built a usage index from scratch for the database (refreshes are not counted). */
export const usageIndexBuilds = (db: Db) => buildsByDb.get(db) ?? 0;

/** People per query while building: each query holds the event loop for milliseconds, not seconds. */
const BUILD_PEOPLE_PER_STEP = 2_000;
/** Apps per query when counting one day's active people: a day of 100,000 people's use is too much at once. */
const BUILD_APPS_PER_STEP = 15;
const yieldToRequests = () => new Promise((next) => setImmediate(next));

/**
 * Builds the index from scratch, a slice of people or one day at a time with other requests served in between.
 * The cursor is read first, so writes during the build are read again by the next refresh.
 */
async function build(db: Db, shape: UsageShape, holders: readonly number[]): Promise<Entry> {
  buildsByDb.set(db, usageIndexBuilds(db) + 1);
  const cursor = await usageChangeCursor(db);
  const index = new UsageIndex(
    shape.asOf,
    shape.windows.map((w) => w.windowDays),
  );
  const lastPersonId = await lastPersonIdOf(db);
  for (let first = 1; first <= lastPersonId; first += BUILD_PEOPLE_PER_STEP) {
    const range = { firstPersonId: first, lastPersonId: first + BUILD_PEOPLE_PER_STEP - 1 };
    for (const pair of await loadPairUse(db, shape, range)) index.setPair(pair.personId, pair.appId, pair);
    await yieldToRequests();
  }
  for (let i = 0; i < holders.length; i += BUILD_PEOPLE_PER_STEP) {
    const some = holders.slice(i, i + BUILD_PEOPLE_PER_STEP);
    for (const { personId, day } of await loadLastUploadDays(db, shape, some)) index.setLastUpload(personId, day);
    await yieldToRequests();
  }
  const longest = Math.max(0, ...shape.rules.map((rule) => rule.windowDays));
  const apps = [...new Set(shape.rules.flatMap((rule) => rule.appIds))];
  for (let back = 0; back < longest; back += 1) {
    const day = windowStart(shape.asOf, back + 1);
    for (let i = 0; i < apps.length; i += BUILD_APPS_PER_STEP) {
      const appIds = apps.slice(i, i + BUILD_APPS_PER_STEP);
      for (const count of await loadDailyActive(db, shape, { day, appIds }))
        index.setDailyActive(count.rule, count.appId, count.day, count.people);
      await yieldToRequests();
    }
  }
  return { index, shape, cursor };
}

/** The pairs, people and (app, day)s the changes touch, as far as the index holds them. */
function touched(changes: readonly UsageChange[], entry: Entry) {
  const apps = new Set(entry.shape.windows.flatMap((w) => w.appIds));
  const pairs = new Map<string, PairKey>();
  const people = new Set<number>();
  const appDays = new Map<string, AppDay>();
  for (const { personId, appId, day } of changes) {
    if (personId === null || day === null || day > entry.shape.asOf) continue;
    if (entry.index.hasLastUpload(personId)) people.add(personId);
    if (appId === null || !apps.has(appId)) continue;
    pairs.set(`${personId} ${appId}`, [personId, appId]);
    appDays.set(`${appId} ${day}`, [appId, day]);
  }
  return { pairs: [...pairs.values()], people: [...people], appDays: [...appDays.values()] };
}

async function refresh(db: Db, entry: Entry, holders: readonly number[]) {
  const since = await usageChangesSince(db, entry.cursor, FULL_RELOAD_CHANGES);
  if (!since.complete || since.changes.some((change) => change.reset)) return build(db, entry.shape, holders);
  const { pairs, people, appDays } = touched(since.changes, entry);
  const fresh = await loadPairUse(db, entry.shape, pairs);
  const found = new Set(fresh.map((pair) => `${pair.personId} ${pair.appId}`));
  for (const [personId, appId] of pairs)
    if (!found.has(`${personId} ${appId}`)) entry.index.setPair(personId, appId, null);
  for (const pair of fresh) entry.index.setPair(pair.personId, pair.appId, pair);
  // New seat holders are read once; those already held are read again only when their upload days changed.
  const unknown = holders.filter((personId) => !entry.index.hasLastUpload(personId));
  for (const { personId, day } of await loadLastUploadDays(db, entry.shape, [...people, ...unknown]))
    entry.index.setLastUpload(personId, day);
  for (const count of await loadDailyActive(db, entry.shape, appDays))
    entry.index.setDailyActive(count.rule, count.appId, count.day, count.people);
  return { ...entry, cursor: since.cursor };
}

/**
 * Runs `use` on the usage index for the subscriptions' windows and rules as of the day, with each of `holders`
 * (person ids) given its last upload day, current with every write committed before the call. `use` runs inside the
 * entry's turn, so no refresh changes the index while it reads.
 */
export async function withUsageIndex<T>(
  db: Db,
  asOf: string,
  subscriptions: readonly SubscriptionFacts[],
  holders: readonly number[],
  use: (index: UsageIndex) => T,
): Promise<T> {
  const shape = usageShape(asOf, subscriptions);
  const key = JSON.stringify(shape);
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  const slot = cache.get(key) ?? { entry: null, turn: Promise.resolve() };
  // Most recently used last; the oldest beyond the limit is dropped.
  cache.delete(key);
  cache.set(key, slot);
  while (cache.size > ENTRIES_KEPT) cache.delete(cache.keys().next().value!);
  const result = slot.turn.then(async () => {
    slot.entry = slot.entry ? await refresh(db, slot.entry, holders) : await build(db, shape, holders);
    return use(slot.entry.index);
  });
  // A failed read drops what the entry held: the next read builds it again.
  slot.turn = result.catch(() => {
    slot.entry = null;
  });
  return result;
}
