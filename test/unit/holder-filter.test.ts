// Table tests for the holder filter of a subscription's detail view: status, search over email and name, and paging.
import { describe, expect, it } from 'vitest';
import type { HolderStatus } from '../../server/contract.ts';
import { filterHolders, type HolderFilter, matchingPage, pageOf } from '../../server/domain/holder-filter.ts';

const HOLDERS: { email: string; name: string | null; status: HolderStatus }[] = [
  { email: 'ada@example.com', name: 'Ada Lovelace', status: 'active' },
  { email: 'bob@example.com', name: null, status: 'idle' },
  { email: 'cy@example.com', name: 'Cyrus Ode', status: 'never_used' },
  { email: 'dee@example.com', name: 'Dee Adams', status: 'left' },
];

describe('filterHolders', () => {
  it.each<[string, HolderFilter, string[]]>([
    ['no filter keeps everyone', {}, ['ada', 'bob', 'cy', 'dee']],
    ['one status', { status: ['idle'] }, ['bob']],
    ['several statuses', { status: ['never_used', 'left'] }, ['cy', 'dee']],
    ['search matches the email', { search: 'bob@' }, ['bob']],
    ['search matches the name in any case', { search: 'ADA' }, ['ada', 'dee']],
    ['a holder without a name is matched by email only', { search: 'lovelace' }, ['ada']],
    ['status and search together', { status: ['left'], search: 'ada' }, ['dee']],
    ['nothing matches', { search: 'zed' }, []],
  ])('%s', (_name, filter, expected) => {
    expect(filterHolders(HOLDERS, filter).map((h) => h.email.split('@')[0])).toEqual(expected);
  });
});

describe('pageOf', () => {
  it.each<[string, { offset: number; limit?: number }, number[]]>([
    ['without a limit, from the offset to the end', { offset: 1 }, [2, 3, 4]],
    ['a limit takes that many', { offset: 0, limit: 2 }, [1, 2]],
    ['a page past the end is empty', { offset: 9, limit: 2 }, []],
    ['the last page may be short', { offset: 3, limit: 2 }, [4]],
  ])('%s', (_name, page, expected) => {
    expect(pageOf([1, 2, 3, 4], page)).toEqual(expected);
  });
});

describe('matchingPage', () => {
  // Items stand for seat rows; holderOf leaves out those without a result (index 2 here), as a seat no longer held.
  const items = [0, 1, 2, 3, 4, 5, 6, 7];
  const holderOf = (i: number) => (i === 2 ? null : HOLDERS[i % HOLDERS.length]!);
  const listed = items.filter((i) => holderOf(i) !== null);
  it.each<[string, HolderFilter & { offset: number; limit?: number }]>([
    ['no filter, first page', { offset: 0, limit: 3 }],
    ['no filter, a later page', { offset: 3, limit: 3 }],
    ['no filter, no limit', { offset: 2 }],
    ['a status', { status: ['active', 'idle'], offset: 0, limit: 2 }],
    ['a search, second page', { search: 'ADA', offset: 1, limit: 1 }],
    ['a page past the end', { offset: 20, limit: 5 }],
    ['nothing matches', { search: 'zed', offset: 0, limit: 5 }],
  ])('%s: the page and total of filtering, then paging', (_name, query) => {
    const matching = filterHolders(
      listed.map((i) => ({ ...holderOf(i)!, i })),
      query,
    );
    expect(matchingPage(items, holderOf, query)).toEqual({
      total: matching.length,
      page: pageOf(matching, query).map((holder) => holder.i),
    });
  });

  it('counts every match while keeping only the page', () => {
    expect(matchingPage(items, holderOf, { status: ['active'], offset: 0, limit: 1 })).toEqual({ total: 2, page: [0] });
  });
});
