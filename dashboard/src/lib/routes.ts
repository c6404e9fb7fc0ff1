// The dashboard's pages in one table: path segment, title, who sees the header link, whether it takes an id.
import type { Role } from '../../../server/contract.ts';

/** Every role sees every link today: the server enforces roles, and read-only pages are useful to all. */
const EVERYONE: readonly Role[] = ['admin', 'it', 'finance', 'viewer'];

export type PageRoute = {
  /** The first part of the hash path: `#/shadow-it`. */
  segment: string;
  /** In the header link and in document.title. */
  title: string;
  /** Who sees the page's link in the header. */
  roles: readonly Role[];
  /** `#/people/12` opens the page's detail view for id 12. */
  takesId: boolean;
};

/** In header order. */
export const ROUTES = [
  { segment: 'overview', title: 'Overview', roles: EVERYONE, takesId: false },
  { segment: 'subscriptions', title: 'Subscriptions', roles: EVERYONE, takesId: true },
  { segment: 'alerts', title: 'Alerts', roles: EVERYONE, takesId: false },
  { segment: 'reclaims', title: 'Reclaims', roles: EVERYONE, takesId: false },
  { segment: 'people', title: 'People', roles: EVERYONE, takesId: true },
  { segment: 'shadow-it', title: 'Shadow IT', roles: EVERYONE, takesId: false },
  { segment: 'spend', title: 'Spend', roles: EVERYONE, takesId: false },
  { segment: 'renewals', title: 'Renewals', roles: EVERYONE, takesId: false },
  { segment: 'reports', title: 'Reports', roles: EVERYONE, takesId: false },
  { segment: 'settings', title: 'Settings', roles: EVERYONE, takesId: false },
] as const satisfies readonly PageRoute[];

export type PageName = (typeof ROUTES)[number]['segment'];
/** The pages with a detail view. */
export type DetailPageName = Extract<(typeof ROUTES)[number], { takesId: true }>['segment'];

/** What a hash path shows: a page's list view, its detail view for an id, or nothing (not found). */
export type Resolved =
  | { route: (typeof ROUTES)[number]; id: null }
  | { route: Extract<(typeof ROUTES)[number], { takesId: true }>; id: number }
  | null;

/** The empty path is the overview; parts after the id, or after a page that takes none, are ignored. */
export function resolveRoute(segments: readonly string[]): Resolved {
  const first = segments[0] ?? 'overview';
  const route = ROUTES.find((r) => r.segment === first);
  if (!route) return null;
  // Any second part opens the detail view, as before: a word there gives NaN, which the detail page reports.
  if (route.takesId && segments[1]) return { route, id: Number(segments[1]) };
  return { route, id: null };
}

/** The links the header shows a person of this role. */
export const headerLinks = (role: Role) => ROUTES.filter((r) => (r.roles as readonly Role[]).includes(role));

export const documentTitle = (resolved: Resolved) => `${resolved?.route.title ?? 'Seatwise'} · Seatwise`;
