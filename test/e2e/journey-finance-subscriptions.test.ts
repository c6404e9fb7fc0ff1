// Finance keeps the subscription inventory through the dashboard's own form in Chromium: adds an annual EUR
// subscription, edits it into a monthly GBP one, and deletes another; each step is checked on the page and in the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../server/contract.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'fin@example.com', password: 'finance-password-1' };

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;

beforeAll(async () => {
  seatwise = await startSeatwise();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await api.post('/api/v1/users', { ...FINANCE, role: 'finance' });
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const subscriptions = () => api.get<Subscription[]>('/api/v1/subscriptions');
const form = () => page.getByRole('form', { name: /subscription/i });

describe('finance keeps the subscription inventory', () => {
  let notionId: number;

  it('finance adds an annual EUR subscription through the form', async () => {
    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    await page.getByRole('button', { name: 'Add subscription' }).click();
    const add = form();
    await add.getByLabel('App').selectOption({ label: 'Notion' });
    await add.getByLabel('Plan').fill('Notion Business');
    await add.getByLabel('Licence metric').selectOption({ label: 'Named user' });
    await add.getByLabel('Seats').fill('40');
    await add.getByLabel('Price per seat').fill('180.50');
    await add.getByLabel('Currency').selectOption('EUR');
    await add.getByLabel('Billed').selectOption({ label: 'Annually' });
    await add.getByLabel('Start date').fill('2026-03-01');
    await add.getByLabel('Renewal date').fill('2027-03-01');
    await add.getByLabel('Notice (days before renewal)').fill('60');
    await add.getByLabel('Owner email').fill('ops@example.com');
    await add.getByLabel('Department').fill('Operations');
    await add.getByLabel('Notes').fill('PO 4711');
    await add.getByRole('button', { name: 'Add subscription' }).click();

    // The person lands on the new subscription's page.
    await page.getByRole('heading', { level: 1, name: 'Notion Business' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    await screenshot(page, 'journey-finance-added');
    expect(await page.locator('[data-field="seats"]').innerText()).toBe('40');
    expect(await page.locator('[data-field="annualCost"]').innerText()).toMatch(/7,220/);

    const stored = (await subscriptions()).find((s) => s.plan === 'Notion Business')!;
    expect(stored).toMatchObject({
      appId: 'notion',
      metric: 'named_user',
      seats: 40,
      unitCost: 18050,
      currency: 'EUR',
      billingPeriod: 'annual',
      startDate: '2026-03-01',
      renewalDate: '2027-03-01',
      noticeDays: 60,
      ownerEmail: 'ops@example.com',
      department: 'Operations',
      notes: 'PO 4711',
      autoRenew: false,
    });
    expect(page.url()).toContain(`#/subscriptions/${stored.id}`);
    notionId = stored.id;
  });

  it('finance edits it into a monthly GBP subscription with fewer seats', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = form();
    // The form opens with what is stored, money in major units.
    expect(await edit.getByLabel('Price per seat').inputValue()).toBe('180.5');
    expect(await edit.getByLabel('Currency').inputValue()).toBe('EUR');
    await edit.getByLabel('Seats').fill('35');
    await edit.getByLabel('Price per seat').fill('15');
    await edit.getByLabel('Currency').selectOption('GBP');
    await edit.getByLabel('Billed').selectOption({ label: 'Monthly' });
    await edit.getByLabel('Renews automatically').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();

    await page.getByRole('button', { name: 'Edit' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    await page.locator('[data-field="seats"]', { hasText: '35' }).waitFor();
    // 35 seats x £15 x 12 months.
    expect(await page.locator('[data-field="annualCost"]').innerText()).toMatch(/£6,300/);
    await screenshot(page, 'journey-finance-edited');

    const stored = await api.get<Subscription>(`/api/v1/subscriptions/${notionId}`);
    expect(stored).toMatchObject({
      seats: 35,
      unitCost: 1500,
      currency: 'GBP',
      billingPeriod: 'monthly',
      autoRenew: true,
      plan: 'Notion Business',
    });
  });

  it('a malformed owner email is refused before anything is stored, and the corrected form is saved', async () => {
    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    await page.getByRole('button', { name: 'Add subscription' }).click();
    const add = form();
    await add.getByLabel('App').selectOption({ label: 'Figma' });
    await add.getByLabel('Plan').fill('Figma Organisation');
    await add.getByLabel('Licence metric').selectOption({ label: 'Site' });
    await add.getByLabel('Price', { exact: true }).fill('12000');
    await add.getByLabel('Owner email').fill('not an email');
    await add.getByRole('button', { name: 'Add subscription' }).click();
    // The browser itself refuses the malformed email before anything is sent.
    expect(await add.getByLabel('Owner email').evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(false);
    expect((await subscriptions()).some((s) => s.plan === 'Figma Organisation')).toBe(false);

    await add.getByLabel('Owner email').fill('design@example.com');
    await add.getByRole('button', { name: 'Add subscription' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figma Organisation' }).waitFor();
    expect((await subscriptions()).find((s) => s.plan === 'Figma Organisation')).toMatchObject({
      metric: 'site',
      seats: null,
      unitCost: 1_200_000,
    });
  });

  it('finance deletes a subscription and it is gone from the list', async () => {
    const figma = (await subscriptions()).find((s) => s.plan === 'Figma Organisation')!;
    await openPage(page, `#/subscriptions/${figma.id}`, 'Figma Organisation');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: /^Subscriptions$/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'Notion Business' }).waitFor();
    expect(await rows.filter({ hasText: 'Figma Organisation' }).count()).toBe(0);
    await screenshot(page, 'journey-finance-deleted');
    expect((await subscriptions()).map((s) => s.plan)).toEqual(['Notion Business']);
  });
});
