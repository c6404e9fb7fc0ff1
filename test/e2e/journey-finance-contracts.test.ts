// Finance imports the procurement register on the Subscriptions page in Chromium: the preview lists what would be
// added and the vendors no app matches; an admin maps one of them from the preview; finance applies and sees the
// subscriptions with their seats and costs, the contract reference on the subscription and the Reports page, and the
// same reference in the licence position CSV. The admin keeps vendor names in Settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../server/contract.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'fin@example.com', password: 'finance-password-1' };
const REGISTER_NAME = 'contracts-procurement-register.csv';
const REGISTER = readFileSync(join(import.meta.dirname, '../fixtures/csv', REGISTER_NAME));

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let finance: Page;
let admin: Page;

beforeAll(async () => {
  seatwise = await startSeatwise();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await api.post('/api/v1/users', { ...FINANCE, role: 'finance' });
  browser = await launchBrowser();
  finance = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password, { width: 1440, height: 900 });
  admin = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1280, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const subscriptions = () => api.get<Subscription[]>('/api/v1/subscriptions');

async function chooseRegister(page: Page) {
  await openPage(page, '#/subscriptions', /^Subscriptions$/);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Import contract register' }) });
  await section.getByLabel('CSV file').setInputFiles({ name: REGISTER_NAME, mimeType: 'text/csv', buffer: REGISTER });
  const preview = section.locator('[data-import-preview]');
  await preview.waitFor();
  return preview;
}

describe('finance imports the contract register', () => {
  it('finance sees the preview: four lines to add, two vendors no app matches, nothing stored yet', async () => {
    const preview = await chooseRegister(finance);
    expect(await text(preview.locator('[data-summary]'))).toBe(
      '6 rows: 4 added, 0 updated, 0 unchanged, 2 unmatched, 0 skipped.',
    );
    await preview.getByRole('cell', { name: 'Row 2: Slack Business+ (PO-2026-0141)' }).waitFor();
    await preview.getByRole('cell', { name: 'add: 50 seats at $150.00 a year' }).waitFor();
    const unmatched = preview.locator('[data-unmatched]');
    expect(await text(unmatched.locator('[data-unmatched-row="6"]'))).toContain(
      'Row 6: DocuSign International (EMEA) Limited, eSignature (no app, domain or known vendor is called',
    );
    expect(await text(unmatched.locator('[data-unmatched-row="7"]'))).toContain('Slackline Outdoor GmbH');
    // Finance may not add vendor names: the preview says who can.
    await unmatched.getByText('An admin can map these vendors to apps').waitFor();
    expect(await unmatched.getByRole('button', { name: 'Map to app' }).count()).toBe(0);
    await screenshot(finance, 'journey-contracts-preview-finance');
    expect(await subscriptions()).toEqual([]);
  });

  it('an admin maps the unmatched DocuSign entity to DocuSign from the preview; the preview reads again', async () => {
    const preview = await chooseRegister(admin);
    const row = preview.locator('[data-unmatched-row="6"]');
    await row.getByLabel('App for DocuSign International (EMEA) Limited').selectOption({ label: 'DocuSign' });
    await row.getByRole('button', { name: 'Map to app' }).click();
    await admin.getByText('"DocuSign International (EMEA) Limited" is now mapped to DocuSign.').waitFor();
    await waitFor(
      'the preview to match the mapped vendor',
      async () =>
        (await text(preview.locator('[data-summary]'))) ===
        '6 rows: 5 added, 0 updated, 0 unchanged, 1 unmatched, 0 skipped.',
    );
    await preview.getByRole('cell', { name: 'Row 6: DocuSign Business Pro (PO-2026-0201)' }).waitFor();
    await screenshot(admin, 'journey-contracts-preview-mapped');
    await preview.getByRole('button', { name: 'Discard' }).click();
    await preview.waitFor({ state: 'detached' });
    expect(await subscriptions()).toEqual([]);
  });

  it('finance applies the register and sees the subscriptions with their seats and costs', async () => {
    const preview = await chooseRegister(finance);
    await waitFor('the preview', async () => (await text(preview.locator('[data-summary]'))).includes('5 added'));
    await preview.getByRole('button', { name: 'Apply import' }).click();
    await finance
      .getByRole('status')
      .filter({ hasText: `Imported ${REGISTER_NAME}: 5 added, 0 updated, 0 unchanged, 1 unmatched.` })
      .waitFor();

    const stored = await subscriptions();
    expect(stored.map((s) => [s.appId, s.plan, s.seats, s.unitCost, s.billingPeriod, s.contractRef])).toEqual([
      ['slack', 'Business+', 50, 15_000, 'annual', 'PO-2026-0141'],
      ['zoom', 'Business', 25, 19_990, 'annual', 'PO-2026-0150'],
      ['figma', 'Organization', 12, 54_000, 'annual', 'PO-2026-0188'],
      ['atlassian-jira-confluence', 'Premium', 80, 1_600, 'monthly', 'PO-2026-0102'],
      ['docusign', 'Business Pro', 15, 48_000, 'annual', 'PO-2026-0201'],
    ]);
    const slack = stored[0]!;
    const jira = stored[3]!;
    const row = (id: number) => finance.locator(`tr[data-subscription-id="${id}"]`);
    await row(slack.id).waitFor();
    expect(await text(row(slack.id).locator('[data-field="seats"]'))).toBe('50');
    expect(await text(row(slack.id).locator('[data-field="annualCost"]'))).toBe('$7,500');
    // 80 seats at $16.00 a month.
    expect(await text(row(jira.id).locator('[data-field="annualCost"]'))).toBe('$15,360');
    await screenshot(finance, 'journey-contracts-applied');
  });

  it('the subscription shows its contract reference and purchase record; finance edits the reference', async () => {
    const slack = (await subscriptions()).find((s) => s.appId === 'slack')!;
    await openPage(finance, `#/subscriptions/${slack.id}`, /Slack/);
    const section = finance.locator('section', { has: finance.getByRole('heading', { name: /purchase records/ }) });
    expect(await text(section.locator('[data-field="contractRef"]'))).toBe('PO-2026-0141');
    const record = section.locator('[data-purchase-records] tbody tr');
    expect(await record.count()).toBe(1);
    expect(await text(record)).toContain(`${REGISTER_NAME}, row 2 Slack Technologies, LLC`);
    expect(await text(record)).toContain('$7,500.00');
    await screenshot(finance, 'journey-contracts-subscription');

    await finance.getByRole('button', { name: 'Edit' }).click();
    const form = finance.getByRole('form', { name: 'Edit subscription' });
    await form.getByLabel('Contract or PO reference').fill('MSA-2026-SLACK');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await waitFor(
      'the new reference on the page',
      async () => (await text(section.locator('[data-field="contractRef"]'))) === 'MSA-2026-SLACK',
    );
    expect((await api.get<Subscription>(`/api/v1/subscriptions/${slack.id}`)).contractRef).toBe('MSA-2026-SLACK');
  });

  it('Reports shows each contract reference and purchase records, as the licence position CSV does', async () => {
    await openPage(finance, '#/reports', /^Reports$/);
    const stored = await subscriptions();
    const response = await finance.request.get(`${seatwise.url}/api/v1/reports/licence-position.csv`);
    const csv = parseCsv(await response.text());
    const refColumn = csv.header.indexOf('contract ref');
    const recordsColumn = csv.header.indexOf('purchase records');
    for (const sub of stored) {
      const onPage = finance.locator(`tr[data-subscription-id="${sub.id}"]`);
      const inFile = csv.rows.find((r) => r.cells[0] === String(sub.id))!.cells;
      expect(await text(onPage.locator('[data-field="contractRef"]'))).toBe(inFile[refColumn]);
      expect(inFile[recordsColumn]).toBe('1');
      expect(await text(onPage.locator('[data-field="purchaseRecords"]'))).toBe('1 purchase record');
    }
    expect(await text(finance.locator(`tr[data-subscription-id="${stored[0]!.id}"] [data-field="contractRef"]`))).toBe(
      'MSA-2026-SLACK',
    );
    await screenshot(finance, 'journey-contracts-reports');
  });

  it('the admin adds and removes a vendor name in Settings; the mapped one is listed', async () => {
    await openPage(admin, '#/settings', /^Settings$/);
    const section = admin.locator('section', { has: admin.getByRole('heading', { name: 'Vendor names' }) });
    const table = section.locator('[data-vendor-aliases]');
    await table.getByRole('cell', { name: 'docusign international' }).waitFor();
    const add = section.getByRole('form', { name: 'Add a vendor name' });
    await add.getByLabel('Vendor as the register writes it').fill('Figma Ireland Ltd.');
    await add.getByLabel('App').selectOption({ label: 'Figma' });
    await add.getByRole('button', { name: 'Add vendor name' }).click();
    await section.getByText('Saved: "figma ireland" is Figma.').waitFor();
    await table.getByRole('cell', { name: 'figma ireland' }).waitFor();
    await screenshot(admin, 'journey-contracts-settings');
    expect(await seriousViolations(admin)).toEqual([]);

    await table
      .getByRole('row', { name: /figma ireland/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await waitFor(
      'the name to go',
      async () => (await table.getByRole('cell', { name: 'figma ireland' }).count()) === 0,
    );
    const aliases = await api.get<{ alias: string; source: string }[]>('/api/v1/vendor-aliases');
    expect(aliases.filter((a) => a.source === 'admin').map((a) => a.alias)).toEqual(['docusign international']);
  });
});
