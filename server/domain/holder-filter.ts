// Which seat holders a view asks for: by status and by a search over email and name, then one page of them.
import type { Holder, HolderStatus } from '../contract.ts';

export type HolderFilter = { status?: HolderStatus[] | undefined; search?: string | undefined };
export type HolderPage = { offset: number; limit?: number | undefined };

/** Holders with one of the statuses, whose email or name contains the search text (any case). */
export function filterHolders<T extends Pick<Holder, 'email' | 'name' | 'status'>>(
  holders: readonly T[],
  filter: HolderFilter,
): T[] {
  const needle = filter.search?.toLowerCase();
  return holders.filter(
    (holder) =>
      (!filter.status || filter.status.includes(holder.status)) &&
      (!needle || holder.email.includes(needle) || (holder.name?.toLowerCase().includes(needle) ?? false)),
  );
}

/** The page from `offset`, `limit` long (to the end without a limit). */
export const pageOf = <T>(items: readonly T[], page: HolderPage): T[] =>
  items.slice(page.offset, page.limit === undefined ? undefined : page.offset + page.limit);
