// Which seat holders a view asks for: by status and by a search over email and name, then one page of them.
import type { Holder, HolderStatus } from '../contract.ts';

export type HolderFilter = { status?: HolderStatus[] | undefined; search?: string | undefined };
export type HolderPage = { offset: number; limit?: number | undefined };

type Filterable = Pick<Holder, 'email' | 'name' | 'status'>;

/** Whether one holder passes the filter: `needle` is the search text in lower case. */
function matches(holder: Filterable, filter: HolderFilter, needle: string | undefined): boolean {
  return (
    (!filter.status || filter.status.includes(holder.status)) &&
    (!needle || holder.email.includes(needle) || (holder.name?.toLowerCase().includes(needle) ?? false))
  );
}

/** Holders with one of the statuses, whose email or name contains the search text (any case). */
export function filterHolders<T extends Filterable>(holders: readonly T[], filter: HolderFilter): T[] {
  const needle = filter.search?.toLowerCase();
  return holders.filter((holder) => matches(holder, filter, needle));
}

/**
 * As `pageOf(filterHolders(...))` with the total, in one pass that keeps only the page: `holderOf` gives each item's
 * email, name and status (null to leave the item out), so a page of 50 among 10,000 makes 50 objects, not 10,000.
 */
export function matchingPage<T>(
  items: readonly T[],
  holderOf: (item: T) => Filterable | null,
  filter: HolderFilter & HolderPage,
): { total: number; page: T[] } {
  const needle = filter.search?.toLowerCase();
  const end = filter.limit === undefined ? Number.POSITIVE_INFINITY : filter.offset + filter.limit;
  const page: T[] = [];
  let total = 0;
  for (const item of items) {
    const holder = holderOf(item);
    if (!holder || !matches(holder, filter, needle)) continue;
    if (total >= filter.offset && total < end) page.push(item);
    total += 1;
  }
  return { total, page };
}

/** The page from `offset`, `limit` long (to the end without a limit). */
export const pageOf = <T>(items: readonly T[], page: HolderPage): T[] =>
  items.slice(page.offset, page.limit === undefined ? undefined : page.offset + page.limit);
