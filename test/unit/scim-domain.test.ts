// The SCIM connector's pure rules: reading a vendor's pages, the seat email of a user, paging, the PatchOp message,
// Retry-After, and the mass-deletion guard.
import { describe, expect, it } from 'vitest';
import { checkDeletions } from '../../server/domain/scim/deletion-guard.ts';
import { pageSizeFrom, patchSupportedIn, readListPage } from '../../server/domain/scim/list-response.ts';
import { afterPage, firstPage, MAX_PAGES, nextRequest } from '../../server/domain/scim/paging.ts';
import { deactivateMessage, eqFilter } from '../../server/domain/scim/patch-message.ts';
import { retryAfterMs } from '../../server/domain/scim/retry-after.ts';
import { seatEmailOf } from '../../server/domain/scim/seat-email.ts';
import { planScimSeatList } from '../../server/domain/scim/seat-list.ts';

describe('readListPage', () => {
  it.each([
    ['a page', { totalResults: 1, Resources: [{ id: '1', userName: 'a@x.com', active: true }] }, true],
    ['an empty page without Resources', { totalResults: 0 }, true],
    ['"true" as a string', { totalResults: 1, Resources: [{ id: '1', active: 'True' }] }, true],
    ['no totalResults', { Resources: [] }, false],
    ['a user without id', { totalResults: 1, Resources: [{ userName: 'a' }] }, false],
    ['active as a number', { totalResults: 1, Resources: [{ id: '1', active: 1 }] }, false],
    ['not an object', 'oops', false],
  ])('%s', (_, body, ok) => {
    expect(readListPage(body).ok).toBe(ok);
  });

  it('says where the page is wrong', () => {
    const reading = readListPage({ totalResults: 1, Resources: [{ id: 1 }] });
    expect(reading.ok ? '' : reading.problem).toMatch(/^Resources\.0\.id: /);
  });
});

describe('pageSizeFrom and patchSupportedIn', () => {
  it.each([
    [{ filter: { supported: true, maxResults: 50 } }, 50],
    [{ filter: { supported: true, maxResults: 5000 } }, 1000],
    [{ filter: { supported: true } }, 100],
    [null, 100],
  ])('page size of %j is %i', (config, size) => expect(pageSizeFrom(config, 100, 1000)).toBe(size));

  it.each([
    [{ patch: { supported: true } }, true],
    [{ patch: { supported: false } }, false],
    [{}, null],
  ])('patch support of %j is %s', (config, supported) => expect(patchSupportedIn(config)).toBe(supported));
});

describe('seatEmailOf', () => {
  it.each([
    ['the primary email', { emails: [{ value: 'b@x.com' }, { value: 'A@x.com', primary: true }] }, 'a@x.com'],
    ['the only email, no primary flag', { userName: 'jdoe', emails: [{ value: 'j@x.com' }] }, 'j@x.com'],
    [
      'the work email without primary',
      {
        emails: [
          { value: 'home@y.com', type: 'home' },
          { value: 'w@x.com', type: 'work' },
        ],
      },
      'w@x.com',
    ],
    ['the first email when none says', { emails: [{ value: 'one@x.com' }, { value: 'two@x.com' }] }, 'one@x.com'],
    ['userName when it is an email', { userName: 'U@X.com' }, 'u@x.com'],
    [
      'a valid email over a broken primary',
      { emails: [{ value: 'nope', primary: true }, { value: 'k@x.com' }] },
      'k@x.com',
    ],
  ])('%s', (_, user, email) => expect(seatEmailOf({ id: '1', ...user })).toEqual({ email }));

  it.each([
    ['inactive', { userName: 'a@x.com', active: false }, 'inactive at the vendor'],
    ['no email at all', { userName: 'jdoe' }, 'no email (userName "jdoe" is not one)'],
  ])('skips %s', (_, user, skip) => expect(seatEmailOf({ id: '1', ...user })).toEqual({ skip }));
});

describe('paging', () => {
  it('walks pages until totalResults, following a total that changes', () => {
    let state = firstPage();
    const asked: number[] = [];
    const totals = [5, 7, 7, 7];
    for (const total of totals) {
      const next = nextRequest(state, 2);
      if (next.done) break;
      asked.push(next.startIndex);
      const after = afterPage(state, Math.min(2, total - next.startIndex + 1), total);
      state = after;
      if (after.done) break;
    }
    expect(asked).toEqual([1, 3, 5, 7]);
  });

  it.each([
    ['an empty page ends the list', 0, 100, true],
    ['a short total ends the list', 2, 2, true],
    ['more to come', 2, 3, false],
  ])('%s', (_, received, total, done) => expect(afterPage(firstPage(), received, total).done).toBe(done));

  it('stops a vendor that never ends', () => {
    expect(nextRequest({ nextIndex: 1, pages: MAX_PAGES }, 10)).toEqual({ done: true });
  });
});

describe('deactivateMessage and eqFilter', () => {
  const schemas = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
  it.each([
    ['rfc', { op: 'replace', path: 'active', value: false }],
    ['value-object', { op: 'replace', value: { active: false } }],
    ['capitalised-op', { op: 'Replace', path: 'active', value: false }],
  ] as const)('%s', (form, operation) => {
    expect(deactivateMessage(form)).toEqual({ schemas, Operations: [operation] });
  });

  it.each([
    ['userName', 'a@x.com', 'userName eq "a@x.com"'],
    ['emails.value', 'we"ird\\@x.com', 'emails.value eq "we\\"ird\\\\@x.com"'],
  ] as const)('%s eq %s', (attribute, value, filter) => expect(eqFilter(attribute, value)).toBe(filter));
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    ['seconds', '3', 3000],
    ['an HTTP date', 'Fri, 20 Nov 2026 12:00:05 GMT', 5000],
    ['a date in the past', 'Fri, 20 Nov 2026 11:00:00 GMT', 0],
    ['more than the cap', '3600', 30_000],
    ['missing', null, null],
    ['unreadable', 'soon', null],
  ])('%s', (_, header, ms) => expect(retryAfterMs(header, now, 30_000)).toBe(ms));
});

describe('checkDeletions', () => {
  it.each([
    ['nothing removed', 500, 0, null, true],
    ['within the share', 500, 100, null, true],
    ['an empty vendor list wiping 500 seats', 500, 500, null, false],
    ['over the share, confirmed', 500, 500, 500, true],
    ['over the share, confirmed for fewer', 500, 500, 499, false],
    ['a tiny list', 3, 3, null, true],
  ])('%s', (_, seats, removing, confirmedRemovals, ok) => {
    expect(checkDeletions({ seats, removing, maxShare: 0.2, confirmedRemovals }).ok).toBe(ok);
  });

  it('says how many and what to do', () => {
    const check = checkDeletions({ seats: 500, removing: 500, maxShare: 0.2, confirmedRemovals: null });
    expect(check.ok ? '' : check.message).toContain('remove 500 of 500 seats (100%)');
  });
});

describe('planScimSeatList', () => {
  it('treats active users with an email as the whole seat list', () => {
    const plan = planScimSeatList({
      users: [
        { id: '1', userName: 'new@x.com', active: true },
        { id: '2', userName: 'kept@x.com', active: true },
        { id: '3', userName: 'gone@x.com', active: false },
        { id: '4', userName: 'bot' },
        { id: '5', userName: 'KEPT@x.com' },
      ],
      existing: [
        { seatId: 10, email: 'kept@x.com', vendorLastActiveDay: null },
        { seatId: 11, email: 'gone@x.com', vendorLastActiveDay: null },
      ],
      assignedAt: '2026-11-20',
    });
    expect(plan.add.map((a) => a.email)).toEqual(['new@x.com']);
    expect(plan.unchanged).toBe(1);
    expect(plan.remove.map((r) => r.email)).toEqual(['gone@x.com']);
    expect(plan.skipped).toEqual([
      { row: 3, reason: 'inactive at the vendor' },
      { row: 4, reason: 'no email (userName "bot" is not one)' },
      { row: 5, reason: 'duplicate of user 2' },
    ]);
  });
});
