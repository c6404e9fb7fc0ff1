// Which component draws each page of the route table; a page added there does not compile until it has one here.
// (The table itself stays free of components so that a unit test can load it without a browser.)
import type { Component } from 'svelte';
import type { DetailPageName, PageName } from '../lib/routes.ts';
import Alerts from './Alerts.svelte';
import Overview from './Overview.svelte';
import People from './People.svelte';
import PersonDetail from './PersonDetail.svelte';
import Reclaims from './Reclaims.svelte';
import Renewals from './Renewals.svelte';
import Reports from './Reports.svelte';
import Settings from './Settings.svelte';
import ShadowIt from './ShadowIt.svelte';
import Spend from './Spend.svelte';
import SubscriptionDetail from './SubscriptionDetail.svelte';
import Subscriptions from './Subscriptions.svelte';

/** A page's own view: `#/subscriptions`. */
export const LIST_VIEWS: Record<PageName, Component> = {
  overview: Overview,
  subscriptions: Subscriptions,
  alerts: Alerts,
  reclaims: Reclaims,
  people: People,
  'shadow-it': ShadowIt,
  spend: Spend,
  renewals: Renewals,
  reports: Reports,
  settings: Settings,
};

/** The view of one item: `#/subscriptions/12`. */
export const DETAIL_VIEWS: Record<DetailPageName, Component<{ id: number }>> = {
  subscriptions: SubscriptionDetail,
  people: PersonDetail,
};
