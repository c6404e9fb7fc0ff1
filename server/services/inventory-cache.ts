// Reconciliation's inventory (subscriptions with their terms, seats, holders' status), read once per change: the
// database bumps the inventory version on every write to those tables, so a read while only usage changes costs one
// small query instead of reading every seat again.
import type { Subscription } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { SeatFacts, SubscriptionFacts } from '../domain/reconciliation-report.ts';
import { dataVersion } from '../queries/data-versions.ts';
import { loadInventoryFacts, loadSubscriptions, type ReconciliationScope } from '../queries/reconciliation-facts.ts';
import { listSubscriptions } from '../queries/subscriptions.ts';

export type Inventory = {
  /** The scope's subscriptions and seats. */
  subscriptions: readonly SubscriptionFacts[];
  seats: readonly SeatFacts[];
  /** Who holds the scope's seats, each person once. */
  holders: readonly number[];
  /** Every subscription, whatever the scope: the usage index is the company's. */
  company: readonly SubscriptionFacts[];
  terms: readonly Subscription[];
};

const SCOPES_KEPT = 8;
const cachesByDb = new WeakMap<Db, Map<string, { version: number; inventory: Promise<Inventory> }>>();

async function load(db: Db, scope: ReconciliationScope): Promise<Inventory> {
  const [facts, company, terms] = await Promise.all([
    loadInventoryFacts(db, '', scope),
    scope.appId ? loadSubscriptions(db, {}) : null,
    listSubscriptions(db),
  ]);
  return {
    subscriptions: facts.subscriptions,
    seats: facts.seats,
    holders: [...new Set(facts.seats.map((seat) => seat.personId))],
    company: company ?? facts.subscriptions,
    terms,
  };
}

/** The inventory as of the last committed write to it. */
export async function currentInventory(db: Db, scope: ReconciliationScope): Promise<Inventory> {
  const version = await dataVersion(db, 'inventory');
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  const key = scope.appId ?? '';
  const cached = cache.get(key);
  if (cached?.version === version) return cached.inventory;
  const inventory = load(db, scope);
  cache.delete(key);
  cache.set(key, { version, inventory });
  while (cache.size > SCOPES_KEPT) cache.delete(cache.keys().next().value!);
  // A failed read is not kept.
  inventory.catch(() => {
    if (cache.get(key)?.inventory === inventory) cache.delete(key);
  });
  return inventory;
}
