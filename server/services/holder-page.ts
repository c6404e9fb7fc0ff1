// One subscription's page of seat holders for the detail view: who holds each seat is read once per inventory
// version and kept sorted by email; each request joins the reconciliation's statuses to it, filters, pages, and reads
// last activity and reclaims for the page's holders only. A page of 50 among 10,000 holders reads 50 usage rows.
import type { Holder, Subscription } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { filterHolders, type HolderFilter, type HolderPage, matchingPage, pageOf } from '../domain/holder-filter.ts';
import { maskValue, type PersonMask } from '../domain/person-mask.ts';
import type { HolderResult } from '../domain/reconciliation-report.ts';
import { dataVersion } from '../queries/data-versions.ts';
import { blockingReclaims, loadSeatHolderRows, measuredLastActive, type SeatHolderRow } from '../queries/holders.ts';

const SUBSCRIPTIONS_KEPT = 16;
const directories = new WeakMap<Db, Map<number, { version: number; rows: Promise<SeatHolderRow[]> }>>();

async function sortedSeatHolders(db: Db, subscriptionId: number): Promise<SeatHolderRow[]> {
  const version = await dataVersion(db, 'inventory');
  let cache = directories.get(db);
  if (!cache) {
    cache = new Map();
    directories.set(db, cache);
  }
  const cached = cache.get(subscriptionId);
  if (cached?.version === version) return cached.rows;
  const rows = loadSeatHolderRows(db, subscriptionId).then((loaded) =>
    loaded.sort((a, b) => a.email.localeCompare(b.email)),
  );
  cache.delete(subscriptionId);
  cache.set(subscriptionId, { version, rows });
  while (cache.size > SUBSCRIPTIONS_KEPT) cache.delete(cache.keys().next().value!);
  // A failed read is not kept.
  rows.catch(() => {
    if (cache.get(subscriptionId)?.rows === rows) cache.delete(subscriptionId);
  });
  return rows;
}

/** The later of measured use and the vendor's last-active day, as the API shows last activity. */
const lastActiveOf = (measured: string | null, vendorDay: string | null) => {
  const vendor = vendorDay ? `${vendorDay.slice(0, 10)}T00:00:00Z` : null;
  if (measured === null) return vendor;
  return vendor !== null && vendor > measured ? vendor : measured;
};

/**
 * The holders matching the filter, how many match, and the page asked for. With a works-council `mask`, the search
 * and the order are over what the caller sees (the pseudonyms), so neither tells a name.
 */
export async function holderPage(
  db: Db,
  subscription: Subscription,
  results: readonly HolderResult[],
  query: HolderFilter & HolderPage,
  today: string,
  mask: PersonMask | null = null,
): Promise<{ total: number; holders: Holder[] }> {
  if (results.length === 0) return { total: 0, holders: [] };
  const resultOf = new Map<number, HolderResult>();
  for (const result of results) resultOf.set(result.seatId, result);
  const rows = await sortedSeatHolders(db, subscription.id);
  let total: number;
  let page: { row: SeatHolderRow; result: HolderResult }[];
  if (mask) {
    const listed = rows
      .flatMap((row) => {
        const result = resultOf.get(row.seatId);
        return result ? [{ row, result, email: row.email, name: row.name, status: result.status }] : [];
      })
      .map((item) => ({ ...item, ...(maskValue(mask, { email: item.email, name: item.name }) as typeof item) }))
      .sort((a, b) => a.email.localeCompare(b.email));
    const matching = filterHolders(listed, query);
    total = matching.length;
    page = pageOf(matching, query);
  } else {
    // One pass over the sorted holders; only the page's holders become objects (the filter reads one reused view).
    const view: Pick<Holder, 'email' | 'name' | 'status'> = { email: '', name: null, status: 'active' };
    const found = matchingPage(
      rows,
      (row) => {
        const result = resultOf.get(row.seatId);
        if (!result) return null;
        view.email = row.email;
        view.name = row.name;
        view.status = result.status;
        return view;
      },
      query,
    );
    total = found.total;
    page = found.page.map((row) => ({ row, result: resultOf.get(row.seatId)! }));
  }
  const [measured, reclaimOf] = await Promise.all([
    measuredLastActive(
      db,
      subscription.appId,
      page.map(({ row }) => row.personId),
    ),
    blockingReclaims(db, subscription.id, today),
  ]);
  const holders = page.map(
    ({ row, result }): Holder => ({
      seatId: row.seatId,
      email: row.email,
      name: row.name,
      department: row.department,
      status: result.status,
      assignedAt: row.assignedAt,
      lastActiveAt: lastActiveOf(measured.get(row.personId) ?? null, row.vendorLastActiveAt),
      activeSeconds: result.activeSecondsInWindow,
      source: row.source,
      reclaim: reclaimOf.get(row.seatId) ?? null,
    }),
  );
  return { total, holders: mask ? (maskValue(mask, holders) as Holder[]) : holders };
}
