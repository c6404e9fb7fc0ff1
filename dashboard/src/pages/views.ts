// Which component draws each page of the route table; a page added there does not compile until it has one here.
// (The table itself stays free of components so that a unit test can load it without a browser.)
// The overview is in the first load; the other pages are chunks of their own, fetched when first shown.

import { lazy, type PageView } from '../lib/lazy-view.svelte.ts';
import type { DetailPageName, PageName } from '../lib/routes.ts';
import Overview from './Overview.svelte';

/** A page's own view: `#/subscriptions`. */
export const LIST_VIEWS: Record<PageName, PageView<Record<string, never>>> = {
  overview: Overview,
  subscriptions: lazy(() => import('./Subscriptions.svelte')),
  alerts: lazy(() => import('./Alerts.svelte')),
  reclaims: lazy(() => import('./Reclaims.svelte')),
  people: lazy(() => import('./People.svelte')),
  'shadow-it': lazy(() => import('./ShadowIt.svelte')),
  spend: lazy(() => import('./Spend.svelte')),
  renewals: lazy(() => import('./Renewals.svelte')),
  reports: lazy(() => import('./Reports.svelte')),
  settings: lazy(() => import('./Settings.svelte')),
};

/** The view of one item: `#/subscriptions/12`. */
export const DETAIL_VIEWS: Record<DetailPageName, PageView<{ id: number }>> = {
  subscriptions: lazy(() => import('./SubscriptionDetail.svelte')),
  people: lazy(() => import('./PersonDetail.svelte')),
};
