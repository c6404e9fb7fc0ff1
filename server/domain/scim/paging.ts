// Paging through /Users by startIndex and count (RFC 7644 3.4.2.4): the next request after a page, or done. A vendor's
// totalResults may change between pages; the latest one counts, an empty page ends the list, and a cap stops a vendor
// that never ends.
export type PagingState = { nextIndex: number; pages: number };

export type NextPage = { done: true } | { done: false; startIndex: number; count: number };

export const MAX_PAGES = 2_000;

export function firstPage(): PagingState {
  return { nextIndex: 1, pages: 0 };
}

/** After a page of `received` users whose reply said `totalResults`: where the next page starts, or done. */
export function afterPage(state: PagingState, received: number, totalResults: number): PagingState & { done: boolean } {
  const next = { nextIndex: state.nextIndex + received, pages: state.pages + 1 };
  const done = received === 0 || next.nextIndex > totalResults;
  return { ...next, done };
}

export function nextRequest(state: PagingState, pageSize: number): NextPage {
  if (state.pages >= MAX_PAGES) return { done: true };
  return { done: false, startIndex: state.nextIndex, count: pageSize };
}
