// The dashboard's route table: unique paths, a title for each page, the header links each role saw before the table.
import { describe, expect, it } from 'vitest';
import { documentTitle, headerLinks, ROUTES, resolveRoute } from '../../dashboard/src/lib/routes.ts';
import { Role } from '../../server/contract.ts';

/** What Header.svelte listed, in its order, before the table existed: the same nine links for every role. */
const HEADER_BEFORE = [
  ['/overview', 'Overview'],
  ['/subscriptions', 'Subscriptions'],
  ['/alerts', 'Alerts'],
  ['/reclaims', 'Reclaims'],
  ['/people', 'People'],
  ['/shadow-it', 'Shadow IT'],
  ['/spend', 'Spend'],
  ['/renewals', 'Renewals'],
  ['/reports', 'Reports'],
  ['/settings', 'Settings'],
];

describe('dashboard route table', () => {
  it('gives every page its own path segment', () => {
    const segments = ROUTES.map((r) => r.segment);
    expect(new Set(segments).size).toBe(segments.length);
  });

  it.each(ROUTES.map((r) => [r.segment, r] as const))('%s has a title and a plain path segment', (_segment, r) => {
    expect(r.title.trim()).not.toBe('');
    expect(r.segment).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('lists only roles the contract knows', () => {
    for (const r of ROUTES) for (const role of r.roles) expect(Role.options).toContain(role);
  });

  it.each(Role.options)('shows %s the header links it had before', (role) => {
    expect(headerLinks(role).map((r) => [`/${r.segment}`, r.title])).toEqual(HEADER_BEFORE);
  });

  it.each<[string, string[], string | null, number | null]>([
    ['the empty path: the overview', [], 'overview', null],
    ['a page', ['alerts'], 'alerts', null],
    ['a page with a dash', ['shadow-it'], 'shadow-it', null],
    ['a list that takes an id, without one', ['subscriptions'], 'subscriptions', null],
    ['a subscription', ['subscriptions', '12'], 'subscriptions', 12],
    ['a person', ['people', '7'], 'people', 7],
    ['parts after the id', ['people', '7', 'more'], 'people', 7],
    ['a word for the id: the detail page says it is missing', ['people', 'x'], 'people', Number.NaN],
    ['a part after a page that takes no id', ['alerts', '3'], 'alerts', null],
    ['an unknown page', ['nope'], null, null],
    ['a title, not a segment', ['Overview'], null, null],
  ])('resolves %s', (_name, segments, page, id) => {
    const shown = resolveRoute(segments);
    expect(shown?.route.segment ?? null).toBe(page);
    expect(shown?.id ?? null).toEqual(id);
  });

  it.each<[string[], string]>([
    [[], 'Overview · Seatwise'],
    [['shadow-it'], 'Shadow IT · Seatwise'],
    [['subscriptions', '3'], 'Subscriptions · Seatwise'],
    [['nope'], 'Seatwise · Seatwise'],
  ])('titles the document for %j as %s', (segments, title) => {
    expect(documentTitle(resolveRoute(segments))).toBe(title);
  });
});
