// Finance imports what was contracted and what was really paid, in Chromium: imports the contract register on the
// Subscriptions page, uploads a card export (preview, then apply), maps a merchant no pattern knew, imports a ledger
// file in its currency, sees paid vs contracted with double billing on the Spend page, the subscription page and the
// overview, turns two people's own Figma plans into one subscription from Shadow IT, and the figures agree across the
// pages, the report CSV and GET /spend.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredApp, MerchantRule, SpendReport, Subscription } from '../../server/contract.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { addDays, utcDay } from '../../server/domain/days.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'fin@example.com', password: 'finance-password-1' };

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;
let slackId: number;

// Last calendar month: two Slack charges in it are double billing whatever day the test runs.
const today = utcDay(new Date());
const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
const CARD_EXPORT = [
  'Transaction Date,Merchant,Merchant Descriptor,Amount,Currency,User,User Email,Ramp Category,Memo',
  `${monthBefore}-01,Slack,SLACK T0123ABC DUBLIN IE,"1,500.00",USD,Dana Ops,dana@example.com,SaaS,Slack Business+`,
  `${lastMonth}-01,Slack,SLACK T0123ABC DUBLIN IE,"1,500.00",USD,Dana Ops,dana@example.com,SaaS,Slack Business+`,
  `${lastMonth}-03,Slack,SLACK T0123ABC DUBLIN IE,"1,500.00",USD,Dana Ops,dana@example.com,SaaS,charged again`,
  `${lastMonth}-05,Figma,FIGMA* MONTHLY,15.00,USD,Ana Design,ana@example.com,SaaS,`,
  `${lastMonth}-06,Figma,FIGMA* MONTHLY,15.00,USD,Ben Design,ben@example.com,SaaS,`,
  `${lastMonth}-08,Lucidspark,LUCIDSPARK 801-555-0100 UT,96.00,USD,Dana Ops,dana@example.com,SaaS,whiteboards`,
  '',
].join('\n');
const LEDGER = [
  'Date,Transaction Type,Num,Name,Memo/Description,Account,Split,Amount',
  `${lastMonth}-10,Expense,1042,Slack Technologies,Slack top-up,Software,Amex,200.00`,
  '',
].join('\n');

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

const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const idle = () => page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
const spend = () => api.get<SpendReport>('/api/v1/spend');

/** The contract: 10 Slack seats at 150.00 a month, 18,000.00 a year, 1,500.00 a month. */
const REGISTER = [
  'Supplier,Product,Plan,Qty,Unit Price,Currency,Billing Frequency,Contract Start,Auto Renew,PO Number',
  `"Slack Technologies, LLC",Slack,Business+,10,150.00,USD,Monthly,${monthBefore}-01,Yes,PO-SPEND-7`,
  '',
].join('\n');

describe('finance imports what was contracted and what was paid', () => {
  it('finance imports the contract register on the Subscriptions page', async () => {
    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Import contract register' }) });
    await section
      .getByLabel('CSV file')
      .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(REGISTER) });
    const preview = section.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await text(preview.locator('[data-summary]'))).toBe(
      '1 row: 1 added, 0 updated, 0 unchanged, 0 unmatched, 0 skipped.',
    );
    await preview.getByRole('button', { name: 'Apply import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported register.csv: 1 added' }).waitFor();
    const [slack, ...others] = await api.get<Subscription[]>('/api/v1/subscriptions');
    expect(others).toEqual([]);
    expect(slack).toMatchObject({
      appId: 'slack',
      plan: 'Business+',
      seats: 10,
      unitCost: 15000,
      currency: 'USD',
      billingPeriod: 'monthly',
      contractRef: 'PO-SPEND-7',
    });
    slackId = slack!.id;
  });

  it('finance previews a card export, sees what matched and what did not, and applies it', async () => {
    await openPage(page, '#/spend', /^Spend$/);
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'ramp-transactions.csv', mimeType: 'text/csv', buffer: Buffer.from(CARD_EXPORT) });
    const preview = page.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await text(preview.locator('[data-summary]'))).toBe(
      '6 rows: 6 new lines, 0 already imported, 5 matched, 1 unmatched merchant, 0 skipped.',
    );
    const matched = preview.getByRole('table', { name: 'Matched, by app' });
    expect(await text(matched.getByRole('row', { name: /Slack/ }))).toBe('Slack $4,500 3');
    expect(await text(matched.getByRole('row', { name: /Figma/ }))).toBe('Figma $30 2');
    const unmatched = preview.getByRole('table', { name: /Unmatched merchants/ });
    expect(await text(unmatched.getByRole('row', { name: /LUCIDSPARK/ }))).toBe('LUCIDSPARK $96 1');
    await screenshot(page, 'journey-spend-preview');
    // The preview stored nothing.
    expect((await spend()).totals).toEqual([{ currency: 'USD', paid: 0, annualised: 0, annualCost: 1800000 }]);

    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText('Imported ramp-transactions.csv: 6 new lines').waitFor();
    await idle();
    expect((await spend()).totals[0]!.paid).toBe(450000 + 3000);
  });

  it('finance maps the unmatched merchant to its app, and its line moves there', async () => {
    const row = page.locator('[data-merchant="LUCIDSPARK"]');
    const form = page.getByRole('form', { name: 'Map LUCIDSPARK' });
    // Opening the form and cancelling changes nothing.
    await row.getByRole('button', { name: 'Map LUCIDSPARK to an app' }).click();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await api.get<MerchantRule[]>('/api/v1/merchant-rules')).toEqual([]);
    await row.getByRole('button', { name: 'Map LUCIDSPARK to an app' }).click();
    expect(await form.getByLabel('Merchant starts with').inputValue()).toBe('LUCIDSPARK');
    await form.getByLabel('App').selectOption({ label: 'Lucid (Lucidchart)' });
    await form.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('LUCIDSPARK is now Lucid (Lucidchart): 1 stored line(s) moved.').waitFor();
    await idle();
    await page.getByText('Every imported line is matched to an app.').waitFor();
    expect(
      await text(page.getByRole('table').filter({ hasText: 'Merchant starts with' }).getByRole('row').nth(1)),
    ).toMatch(/^LUCIDSPARK Lucid \(Lucidchart\)/);
    await screenshot(page, 'journey-spend-mapped');
    const rules = await api.get<MerchantRule[]>('/api/v1/merchant-rules');
    expect(rules.map((r) => [r.pattern, r.appId, r.createdBy])).toEqual([
      ['LUCIDSPARK', 'lucid', `user:${FINANCE.email}`],
    ]);
    expect((await spend()).apps.find((a) => a.appId === 'lucid')).toMatchObject({ paid: 9600, annualCost: null });
  });

  it('finance imports a ledger file without a currency column by naming the currency', async () => {
    const currency = page.getByLabel('Currency (when the file has none)');
    await currency.fill('usd');
    // Leaving the field commits it, as clicking the file chooser does for a person.
    await currency.press('Tab');
    expect(await currency.inputValue()).toBe('USD');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'quickbooks-expenses.csv', mimeType: 'text/csv', buffer: Buffer.from(LEDGER) });
    const preview = page.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await text(preview.locator('[data-summary]'))).toBe(
      '1 row: 1 new line, 0 already imported, 1 matched, 0 unmatched merchants, 0 skipped.',
    );
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText('Imported quickbooks-expenses.csv: 1 new line,').waitFor();
    await idle();
  });

  it('finance sees paid vs contracted with the double billing, and the rule can be deleted', async () => {
    const slack = page.locator('tr[data-app-id="slack"][data-currency="USD"]');
    // The page reloads its figures after the import: wait for them rather than read the old ones.
    await slack.locator('[data-spend="paid"]', { hasText: '$4,700' }).waitFor();
    expect(await text(slack.locator('[data-spend="annualCost"]'))).toBe('$18,000');
    expect(await text(slack.locator('[data-spend="difference"]'))).toBe('-$13,300');
    expect(await text(slack)).toContain(`Double billing: 3 charges in ${lastMonth}, $3,200 against $1,500`);
    await screenshot(page, 'journey-spend-paid-vs-contracted');

    await page.getByRole('button', { name: 'Delete rule LUCIDSPARK' }).click();
    await page.getByText('Deleted the rule LUCIDSPARK.').waitFor();
    await page.getByText('No rules yet: map an unmatched merchant to add one.').waitFor();
    expect(await api.get<MerchantRule[]>('/api/v1/merchant-rules')).toEqual([]);
  });

  it('the subscription page, the overview, the report and GET /spend give the same paid figure', async () => {
    const report = await spend();
    const slack = report.apps.find((a) => a.appId === 'slack')!;
    expect(slack).toMatchObject({ paid: 470000, annualised: 470000, annualCost: 1800000, difference: -1330000 });

    await openPage(page, `#/subscriptions/${slackId}`, /Slack/);
    await page.getByRole('heading', { name: /Paid vs contracted/ }).waitFor();
    await idle();
    const row = page.locator('[aria-labelledby="paid-vs-contracted"] [data-app-id="slack"]');
    expect(await text(row.locator('[data-spend="paid"]'))).toBe('$4,700');
    expect(await text(row.locator('[data-spend="annualCost"]'))).toBe('$18,000');
    await screenshot(page, 'journey-spend-subscription');

    await openPage(page, '#/overview', /^Overview$/);
    await idle();
    const paid = page.locator('[data-stat="paid-USD"]');
    await paid.waitFor();
    const usd = report.totals.find((t) => t.currency === 'USD')!;
    expect(Number(await paid.getAttribute('data-value'))).toBe(usd.paid);
    expect(await text(paid)).toContain('Contracted $18,000 a year');
    expect(Number(await page.locator('[data-stat="spend-USD"]').getAttribute('data-value'))).toBe(usd.annualCost);
    await screenshot(page, 'journey-spend-overview');

    const csv = parseCsv(await (await page.request.get(`${seatwise.url}/api/v1/reports/licence-position.csv`)).text());
    const cells = csv.rows.find((r) => r.cells[csv.header.indexOf('subscription id')] === String(slackId))!.cells;
    expect(cells[csv.header.indexOf('paid last 365 days')]).toBe('4700.00');
    expect(cells[csv.header.indexOf('annual cost')]).toBe('18000.00');
  });

  it('finance turns two people’s own Figma plans into one subscription from Shadow IT', async () => {
    await openPage(page, '#/shadow-it', /^Shadow IT$/);
    await idle();
    const figma = page.locator('tr[data-app-id="figma"]');
    expect(await text(figma.locator('[data-field="sources"]'))).toBe('spend');
    expect(await text(figma.locator('[data-field="paid"]'))).toBe('$30 2 people pay on their own');
    await screenshot(page, 'journey-spend-shadow-it');
    await figma.getByRole('button', { name: 'Create subscription for Figma, paid by 2 people' }).click();
    const form = page.getByRole('form', { name: 'Add subscription' });
    expect(await form.getByLabel('Seats').inputValue()).toBe('2');
    expect(await form.getByLabel('Price per seat').inputValue()).toBe('15');
    expect(await form.getByLabel('Currency').inputValue()).toBe('USD');
    expect(await form.getByLabel('Billed').inputValue()).toBe('monthly');
    await form.getByLabel('Plan').fill('Figma Professional');
    await form.getByRole('button', { name: 'Add subscription' }).click();
    await page.getByText('Added a subscription for Figma: it is no longer shadow IT.').waitFor();
    const discovered = await api.get<DiscoveredApp[]>('/api/v1/discovered');
    expect(discovered.map((d) => d.appId)).not.toContain('figma');
    const subscriptions = await api.get<Subscription[]>('/api/v1/subscriptions');
    expect(subscriptions.find((s) => s.appId === 'figma')).toMatchObject({
      seats: 2,
      unitCost: 1500,
      currency: 'USD',
      billingPeriod: 'monthly',
    });
  });
});
