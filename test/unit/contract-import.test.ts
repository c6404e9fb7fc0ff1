import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/catalog/apps.ts';
import { VENDOR_ALIASES } from '../../server/catalog/vendor-aliases.ts';
import { type ExistingContract, planContractImport } from '../../server/domain/contract-import.ts';
import { CsvError } from '../../server/domain/csv/errors.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { buildVendorIndex } from '../../server/domain/vendor-match.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const index = buildVendorIndex(CATALOG, [], VENDOR_ALIASES);
const plan = (text: string, existing: ExistingContract[] = []) =>
  planContractImport({ csv: parseCsv(text), index, existing });

const summary = (text: string) => {
  const p = plan(text);
  return p.add.map((line) => [
    line.row,
    line.appId,
    line.plan,
    line.contractRef,
    line.terms.seats,
    line.terms.unitCost,
    line.terms.currency,
    line.terms.billingPeriod,
    line.terms.renewalDate,
  ]);
};

describe('register formats', () => {
  it('a generic procurement register: unit prices, PO numbers, one vendor unknown and one near miss', () => {
    const p = plan(fixture('contracts-procurement-register.csv'));
    expect(summary(fixture('contracts-procurement-register.csv'))).toEqual([
      [2, 'slack', 'Business+', 'PO-2026-0141', 50, 15_000, 'USD', 'annual', '2026-12-31'],
      [3, 'zoom', 'Business', 'PO-2026-0150', 25, 19_990, 'USD', 'annual', '2027-01-31'],
      [4, 'figma', 'Organization', 'PO-2026-0188', 12, 54_000, 'USD', 'annual', '2027-03-14'],
      [5, 'atlassian-jira-confluence', 'Premium', 'PO-2026-0102', 80, 1_600, 'USD', 'monthly', '2026-12-31'],
    ]);
    expect(p.unmatched.map((u) => [u.row, u.vendor])).toEqual([
      [6, 'DocuSign International (EMEA) Limited'],
      [7, 'Slackline Outdoor GmbH'],
    ]);
    expect(p.add[0]!.terms).toMatchObject({
      autoRenew: true,
      noticeDays: 30,
      ownerEmail: 'it@acme.test',
      startDate: '2026-01-01',
    });
    expect(p.add[0]!.purchase).toEqual({
      quantity: 50,
      lineTotal: 750_000,
      currency: 'USD',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(p.columns).toMatchObject({ vendor: 'Supplier', quantity: 'Qty', reference: 'PO Number' });
  });

  it('a Coupa-style contract export: US dates, terms from the dates, a Microsoft line its product names', () => {
    const p = plan(fixture('contracts-coupa-export.csv'));
    expect(summary(fixture('contracts-coupa-export.csv'))).toEqual([
      [2, 'salesforce', 'Sales Cloud Enterprise', 'CN-00412', 40, 198_000, 'USD', 'annual', '2027-01-14'],
      [3, 'zendesk', 'Suite Professional', 'CN-00418', 18, 138_000, 'USD', 'annual', '2027-02-28'],
      [4, '1password', '1Password Business', 'CN-00431', 120, 9_588, 'USD', 'annual', '2027-01-31'],
      [5, 'microsoft-365', 'Microsoft 365 E3', 'CN-00440', 150, 43_200, 'USD', 'annual', '2029-06-30'],
    ]);
    // Three years of 150 seats at 432.00 a year.
    expect(p.add[3]!.purchase.lineTotal).toBe(150 * 43_200 * 3);
    expect(p.add[0]!.terms).toMatchObject({ noticeDays: 90, department: 'Sales', autoRenew: true });
    expect(p.unmatched).toEqual([
      {
        row: 6,
        vendor: 'Microsoft Corporation',
        product: 'Visio Plan 2',
        reason:
          '"Microsoft Corporation" sells several apps (Microsoft 365, Microsoft Teams) and the product ' +
          '"Visio Plan 2" names none of them',
        candidates: ['microsoft-365', 'microsoft-teams'],
      },
    ]);
  });

  it('a European finance spreadsheet: totals over terms in years, codes in the amount, day.month dates', () => {
    const p = plan(fixture('contracts-finance-spreadsheet.csv'));
    expect(summary(fixture('contracts-finance-spreadsheet.csv'))).toEqual([
      [2, 'miro', 'Business', 'FIN-2026-07', 30, 30_000, 'EUR', 'annual', '2029-03-01'],
      [3, 'canva', 'Teams', 'FIN-2026-02', 10, 30_000, 'EUR', 'annual', '2027-01-15'],
      [4, 'notion', 'Plus', 'FIN-2026-11', 25, 40_000, 'EUR', 'annual', '2027-04-01'],
    ]);
    expect(p.add[0]!.purchase).toMatchObject({ lineTotal: 2_700_000, currency: 'EUR', startDate: '2026-03-01' });
    expect(p.add[0]!.terms).toMatchObject({ department: 'Product', noticeDays: 60, autoRenew: true });
    expect(p.warnings).toEqual([]);
  });
});

describe('lines and their costs', () => {
  const header = 'Vendor,Plan,Quantity,Line Total,Currency,Term (months),Contract ID';

  it('rounds a total that does not divide, half up, and says so', () => {
    const p = plan(`${header}\nFigma,Professional,3,"10,000.00",USD,12,C-1\n`);
    expect(p.add[0]!.terms.unitCost).toBe(333_333);
    expect(p.add[0]!.purchase.lineTotal).toBe(1_000_000);
    expect(p.warnings.join(' ')).toContain('does not divide evenly');
    expect(p.warnings.join(' ')).toContain('row 2');
  });

  it.each([
    ['Figma,Professional,3,,USD,12,C-1', 'no price or total'],
    ['Figma,Professional,3,900.00,USD,,C-1', 'a line total needs a term or start and end dates to spread over'],
    ['Figma,,3,900.00,USD,12,C-1', 'no plan or product'],
    ['Figma,Professional,0,900.00,USD,12,C-1', 'quantity 0: a total cannot be spread over no seats'],
  ])('skips %j: %s', (line, reason) => {
    expect(plan(`${header}\n${line}\n`).skipped).toEqual([{ row: 2, reason }]);
  });

  it('a line without a quantity is a flat fee', () => {
    const p = plan(`${header}\nDatadog,Pro,,"12,000.00",USD,12,C-9\n`);
    expect(p.add[0]!.terms).toMatchObject({ metric: 'flat', seats: null, unitCost: 1_200_000 });
  });

  it('skips the second line of the same contract, app and plan', () => {
    const p = plan(`${header}\nFigma,Pro,3,900.00,USD,12,C-1\nFigma Inc,Pro,5,900.00,USD,12,C-1\n`);
    expect(p.add).toHaveLength(1);
    expect(p.skipped).toEqual([{ row: 3, reason: 'the same contract, app and plan as row 2' }]);
  });

  it.each([
    ['Figma,Pro,3,900.00,USX,12,C-1', 'Row 2: "USX" in column "Currency" is not an ISO 4217 currency code'],
    ['Figma,Pro,3,nine hundred,USD,12,C-1', 'Row 2: "nine hundred" in column "Line Total" is not an amount'],
    ['Figma,Pro,3,9x0,USD,12,C-1', 'Row 2: "9x0" in column "Line Total" is not an amount'],
    ['Figma,Pro,three,900.00,USD,12,C-1', 'Row 2: "three" in column "Quantity" is not a whole number of seats'],
    ['Figma,Pro,3,900.00,USD,forever,C-1', 'Row 2: "forever" in column "Term (months)" is not a term'],
    ['Figma,Pro,3,$900.00,,12,C-1', 'Row 2: "$900.00" in column "Line Total" has "$", which is several currencies'],
    ['Figma,Pro,3,900.00,,12,C-1', 'Row 2: no currency'],
  ])('refuses the whole file for %j', (line, message) => {
    expect(() => plan(`${header}\n${line}\n`)).toThrow(CsvError);
    expect(() => plan(`${header}\n${line}\n`)).toThrow(message);
  });

  it.each([
    ['contracts-broken-no-vendor.csv', 'Row 1: the file needs a vendor, supplier or app column'],
    ['contracts-broken-currency.csv', 'Row 3: "USX" in column "Currency" is not an ISO 4217 currency code'],
    ['contracts-broken-amount.csv', 'Row 3: "about 6500" in column "Annual Value" is not an amount'],
  ])('refuses %s: %s', (name, message) => {
    expect(() => plan(fixture(name))).toThrow(message);
  });
});

describe('against the stored subscriptions', () => {
  const stored = (fields: Partial<ExistingContract>): ExistingContract => ({
    id: 1,
    appId: 'figma',
    plan: 'Pro',
    contractRef: 'C-1',
    metric: 'named_user',
    seats: 3,
    unitCost: 30_000,
    currency: 'USD',
    billingPeriod: 'annual',
    startDate: null,
    renewalDate: null,
    autoRenew: false,
    noticeDays: 30,
    ownerEmail: null,
    department: null,
    ...fields,
  });
  const header = 'Vendor,Plan,Quantity,Unit Price,Currency,Contract ID';

  it('the same line is unchanged; other seats update; another reference adds', () => {
    expect(plan(`${header}\nFigma,Pro,3,300.00,USD,C-1\n`, [stored({})]).unchanged).toHaveLength(1);
    const updated = plan(`${header}\nFigma,Pro,5,300.00,USD,C-1\n`, [stored({})]);
    expect(updated.update.map((u) => [u.id, u.line.terms.seats])).toEqual([[1, 5]]);
    expect(plan(`${header}\nFigma,Pro,5,300.00,USD,C-2\n`, [stored({})]).add).toHaveLength(1);
  });

  it('a reference and app on another plan moves that subscription to the new plan', () => {
    const p = plan(`${header}\nFigma,Organization,3,540.00,USD,C-1\n`, [stored({})]);
    expect(p.update.map((u) => [u.id, u.line.plan])).toEqual([[1, 'Organization']]);
  });

  it('a line without a reference updates the one subscription of its app and plan without one', () => {
    const noRef = `Vendor,Plan,Quantity,Unit Price,Currency\nFigma,Pro,4,300.00,USD\n`;
    expect(plan(noRef, [stored({ contractRef: null })]).update.map((u) => u.id)).toEqual([1]);
    // One with a reference is another contract: the line adds.
    expect(plan(noRef, [stored({})]).add).toHaveLength(1);
    const two = plan(noRef, [stored({ contractRef: null }), stored({ id: 2, contractRef: null })]);
    expect(two.skipped).toEqual([
      { row: 2, reason: '2 subscriptions have this app and plan and no contract reference: add the reference' },
    ]);
  });

  it('leaves the fields the file has no column for as they are', () => {
    const p = plan(`${header}\nFigma,Pro,3,300.00,USD,C-1\n`, [stored({ ownerEmail: 'a@b.test', noticeDays: 90 })]);
    expect(p.unchanged).toHaveLength(1);
  });
});
