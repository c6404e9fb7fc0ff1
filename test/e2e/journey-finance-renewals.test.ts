// Finance's journey in Chromium on the demo company: Renewals puts lapsed contracts and missed notice deadlines
// first, said in words; Shadow IT counts users over the alert's period, and its "Add subscription" button opens the
// form for that app, which finance fills and submits, so the app leaves the Shadow IT list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, type DiscoveredApp, SHADOW_IT_WINDOW_DAYS, type Subscription } from '../../server/contract.ts';
import { addDays, utcDay } from '../../server/domain/days.ts';
import { subscriptionName } from '../../server/domain/subscription-name.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signInPage } from './support/dashboard-browser.ts';
import { type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'fiona.finance@example.com', password: 'finance-password-1' };

let seatwise: SeatwiseProcess;
let browser: Browser;
let admin: ApiClient;
let page: Page;
let today: string;
let lapsedId: number;
let overdueId: number;

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  admin = await signIn(seatwise.url, 'admin@example.com', 'correct-horse-battery');
  today = utcDay(new Date());
  await admin.post('/api/v1/users', { email: FINANCE.email, role: 'finance', password: FINANCE.password });
  // A contract that ended 40 days ago without renewing, and one whose notice deadline passed 5 days ago.
  const create = async (body: object) => (await admin.post<Subscription>('/api/v1/subscriptions', body)).id;
  lapsedId = await create({
    appId: 'monday',
    plan: 'Pro',
    metric: 'named_user',
    seats: 12,
    unitCost: 19_200,
    currency: 'USD',
    renewalDate: addDays(today, -40),
    noticeDays: 30,
    autoRenew: false,
  });
  overdueId = await create({
    appId: 'pipedrive',
    plan: 'Advanced',
    metric: 'named_user',
    seats: 8,
    unitCost: 34_800,
    currency: 'EUR',
    renewalDate: addDays(today, 25),
    noticeDays: 30,
    autoRenew: true,
  });
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

/**
 * What the page must list first, from the API: lapsed (longest first), then missed notice deadlines (soonest renewal
 * first).
 */
function expectedUrgent(subscriptions: Subscription[]): number[] {
  const lapsed = subscriptions.filter((s) => s.renewalDate && s.renewalDate < today && !s.autoRenew);
  const overdue = subscriptions.filter(
    (s) => s.renewalDate && s.renewalDate >= today && s.noticeDays > 0 && addDays(s.renewalDate, -s.noticeDays) < today,
  );
  const byRenewal = (a: Subscription, b: Subscription) => a.renewalDate!.localeCompare(b.renewalDate!) || a.id - b.id;
  return [...lapsed.sort(byRenewal), ...overdue.sort(byRenewal)].map((s) => s.id);
}

describe('finance reviews renewals', () => {
  it('sees the lapsed contract and the missed notice deadline first, each marked in words', async () => {
    await openPage(page, '#/renewals', /^Renewals$/);
    const urgent = page.getByRole('region', { name: /^Needs attention now/ });
    await urgent.waitFor();
    const expected = expectedUrgent(await admin.get<Subscription[]>('/api/v1/subscriptions'));
    expect(expected[0]).toBe(lapsedId);
    expect(expected).toContain(overdueId);

    const items = urgent.locator('li[data-subscription-id]');
    expect(await items.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-subscription-id'))))).toEqual(
      expected,
    );

    const lapsed = urgent.locator(`li[data-subscription-id="${lapsedId}"]`);
    expect(await lapsed.innerText()).toMatch(
      /^✖ Lapsed\s+monday\.com Pro\s+Ended on .+, 40 days ago, and does not renew automatically/i,
    );
    const overdue = urgent.locator(`li[data-subscription-id="${overdueId}"]`);
    expect(await overdue.innerText()).toMatch(
      new RegExp(
        /Notice deadline passed\s+Pipedrive Advanced\s+The last day to give notice was .+, 5 days ago; /.source +
          /it renews automatically on .+, in 25 days\./.source,
      ),
    );

    // The urgent list comes before the month-by-month timeline.
    const timeline = page.locator('ol.timeline');
    await timeline.waitFor();
    const [urgentTop, timelineTop] = [(await urgent.boundingBox())!.y, (await timeline.boundingBox())!.y];
    expect(urgentTop).toBeLessThan(timelineTop);
    await screenshot(page, 'journey-renewals-1440');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sees the same lapsed and overdue contracts, in the same order, above the overview’s next renewals', async () => {
    await openPage(page, '#/overview', /^Overview$/);
    const overview = page.getByRole('list', { name: 'Needs attention now' });
    await overview.waitFor();
    const expected = expectedUrgent(await admin.get<Subscription[]>('/api/v1/subscriptions'));
    const links = await overview
      .locator('li a')
      .evaluateAll((as) => as.map((a) => Number(a.getAttribute('href')!.split('/').pop())));
    expect(links).toEqual(expected);
    expect(await overview.locator('li').first().innerText()).toMatch(/^✖ Lapsed: monday\.com Pro ended 40 days ago$/);
  });
});

describe('finance turns shadow IT into a subscription', () => {
  it('sees the same users on the page as in the shadow IT alert, over the period the page names', async () => {
    await admin.post('/api/v1/alerts/evaluate', {});
    const alerts = (await admin.get<Alert[]>('/api/v1/alerts?state=open&kind=shadow_it&limit=200')).filter(
      (a) => a.kind === 'shadow_it',
    );
    expect(alerts.length).toBeGreaterThan(0);
    await openPage(page, '#/shadow-it', /^Shadow IT$/);
    const since = addDays(today, 1 - SHADOW_IT_WINDOW_DAYS);
    const sinceShown = await page.evaluate(
      (day) =>
        new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
      since,
    );
    await page.getByText(`used in the last ${SHADOW_IT_WINDOW_DAYS} days (since ${sinceShown})`).waitFor();
    for (const alert of alerts) {
      const users = Number(alert.message.match(/\b(\d+) (?:person|people)\b/)![1]);
      const cell = page.locator(`tr[data-app-id="${alert.subject.id}"] [data-field="users"]`);
      expect(await cell.innerText(), alert.message).toBe(String(users));
    }
    expect(await page.getByRole('columnheader', { name: `Users (${SHADOW_IT_WINDOW_DAYS} days)` }).count()).toBe(1);
  });

  it('adds a subscription for ChatGPT from its row, and ChatGPT leaves the list', async () => {
    const before = await admin.get<DiscoveredApp[]>(
      `/api/v1/discovered?since=${addDays(today, 1 - SHADOW_IT_WINDOW_DAYS)}`,
    );
    expect(before.map((a) => a.appId)).toContain('chatgpt');
    await openPage(page, '#/shadow-it', /^Shadow IT$/);
    await page.getByRole('button', { name: 'Add subscription for ChatGPT' }).click();

    const form = page.getByRole('form', { name: 'Add subscription' });
    await page.getByRole('heading', { name: 'Add a subscription for ChatGPT' }).waitFor();
    await expect.poll(() => form.getByRole('combobox', { name: /^App\b/ }).inputValue()).toBe('chatgpt');
    await form.getByLabel('Plan').fill('Team');
    await form.getByLabel('Seats').fill('40');
    await form.getByLabel('Price per seat').fill('300');
    // A text field here, a select of ISO codes on main since item 1: either way finance picks EUR.
    const currency = form.getByLabel('Currency');
    if (await currency.evaluate((el) => el.tagName === 'SELECT')) await currency.selectOption('EUR');
    else await currency.fill('eur');
    await form.getByLabel('Billed').selectOption('annual');
    await form.getByLabel('Renewal date').fill(addDays(today, 200));
    await form.getByLabel('Owner email').fill(FINANCE.email);
    await screenshot(page, 'journey-shadow-it-form-1440');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add subscription' }).click();

    await page
      .getByRole('status')
      .filter({ hasText: 'Added a subscription for ChatGPT: it is no longer shadow IT.' })
      .waitFor();
    await expect.poll(() => page.locator('tr[data-app-id="chatgpt"]').count()).toBe(0);
    expect(await page.locator('tr[data-app-id]').count()).toBe(before.length - 1);
    await screenshot(page, 'journey-shadow-it-after-1440');

    const stored = (await admin.get<Subscription[]>('/api/v1/subscriptions')).filter((s) => s.appId === 'chatgpt');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      plan: 'Team',
      metric: 'named_user',
      seats: 40,
      unitCost: 30_000,
      currency: 'EUR',
      billingPeriod: 'annual',
      renewalDate: addDays(today, 200),
      ownerEmail: FINANCE.email,
    });
    const after = await admin.get<DiscoveredApp[]>(
      `/api/v1/discovered?since=${addDays(today, 1 - SHADOW_IT_WINDOW_DAYS)}`,
    );
    expect(after.map((a) => a.appId)).not.toContain('chatgpt');
  });

  const namedOnce =
    'names every contract on the timeline as the overview does, never the app twice (a plan "Gong Engage")';
  it(namedOnce, async () => {
    await admin.post('/api/v1/subscriptions', {
      appId: 'gong',
      plan: 'Gong Engage',
      metric: 'named_user',
      seats: 5,
      unitCost: 120_000,
      currency: 'USD',
      renewalDate: addDays(today, 50),
      noticeDays: 30,
      autoRenew: true,
    });
    await openPage(page, '#/renewals', /^Renewals$/);
    const timeline = page.locator('ol.timeline');
    await timeline.waitFor();
    const [subscriptions, apps] = await Promise.all([
      admin.get<Subscription[]>('/api/v1/subscriptions'),
      admin.get<{ id: string; name: string }[]>('/api/v1/apps'),
    ]);
    const appName = new Map(apps.map((app) => [app.id, app.name]));
    const links = await timeline
      .locator('li a')
      .evaluateAll((as) => as.map((a) => [Number(a.getAttribute('href')!.split('/').pop()), a.textContent!.trim()]));
    expect(links.length).toBeGreaterThan(0);
    for (const [id, text] of links as [number, string][]) {
      const subscription = subscriptions.find((s) => s.id === id)!;
      expect(text).toBe(subscriptionName(appName.get(subscription.appId)!, subscription.plan));
    }
    expect(links.map(([, text]) => text)).toContain('Gong Engage');
  });
});
