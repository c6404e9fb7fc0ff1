// Every dashboard page of the demo company at a laptop's 1440 px and a phone's 390 px: kept as screenshots, and
// nothing sticks out sideways: at 1440 px no element reaches past the viewport (not even inside a scrolling
// table), at 390 px the page itself never scrolls sideways (wide tables scroll inside their own box).

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonList, Reconciliation } from '../../server/contract.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const SHOTS = resolve(import.meta.dirname, '../../test-results/pages');
const WIDTHS = [1440, 390] as const;

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
const pages = new Map<number, Page>();
let paths: [string, string, RegExp][];

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const report = await api.get<Reconciliation>('/api/v1/reconciliation');
  const person = (await api.get<PersonList>('/api/v1/people?limit=1')).people[0]!;
  const slack = report.subscriptions.find((r) => r.appName === 'Slack')!;
  paths = [
    ['overview', '#/overview', /^Overview$/],
    ['subscriptions', '#/subscriptions', /^Subscriptions$/],
    ['subscription-detail', `#/subscriptions/${slack.subscriptionId}`, /Slack/],
    ['alerts', '#/alerts', /^Alerts$/],
    ['reclaims', '#/reclaims', /^Reclaims$/],
    ['people', '#/people', /^People$/],
    ['person-detail', `#/people/${person.id}`, /.+/],
    ['shadow-it', '#/shadow-it', /^Shadow IT$/],
    ['spend', '#/spend', /^Spend$/],
    ['renewals', '#/renewals', /^Renewals$/],
    ['reports', '#/reports', /^Reports$/],
    ['settings', '#/settings', /^Settings$/],
  ];
  browser = await launchBrowser();
  for (const width of WIDTHS)
    pages.set(
      width,
      await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width, height: 900 }),
    );
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

/** Elements whose box reaches past the right edge of the viewport, described for the failure message. */
function elementsPastTheViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 1;
    const found: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= limit) continue;
      // Report the outermost offender only, not each of its children.
      if (
        element.parentElement &&
        element.parentElement.getBoundingClientRect().right > limit &&
        element.parentElement !== document.body
      )
        continue;
      const label = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      found.push(
        `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ''}>` +
          ` right ${Math.round(box.right)} px: "${label}"`,
      );
    }
    return found;
  });
}

describe.each(WIDTHS)('at %i px', (width) => {
  it.each([
    'overview',
    'subscriptions',
    'subscription-detail',
    'alerts',
    'reclaims',
    'people',
    'person-detail',
    'shadow-it',
    'spend',
    'renewals',
    'reports',
    'settings',
  ])('%s fits the screen', async (name) => {
    const page = pages.get(width)!;
    const [, hash, heading] = paths.find(([n]) => n === name)!;
    await openPage(page, hash, heading);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `${name} scrolls sideways to ${pageWidth} px`).toBeLessThanOrEqual(width);
    if (width === 1440) expect(await elementsPastTheViewport(page)).toEqual([]);
    // Names in any script are isolated, so they never reorder the text around them.
    const notIsolated = await page.evaluate(
      () =>
        [...document.querySelectorAll('main h1, main td, main th, main dd, main li, main a')].filter(
          (el) => getComputedStyle(el).unicodeBidi !== 'isolate',
        ).length,
    );
    expect(notIsolated).toBe(0);
  });
});
