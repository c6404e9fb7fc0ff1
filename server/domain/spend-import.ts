// Plans a spend import: reads the lines of a card, expense or ledger export, matches each to an app by its merchant,
// keys each line so importing the same file twice adds nothing, and sums what matched (by app) and what did not (by
// merchant) per currency. Pure: the caller reads the stored keys and the rules, and writes the plan.
import { createHash } from 'node:crypto';
import { looksLikeEmail } from './csv/cells.ts';
import { parseDates } from './csv/dates.ts';
import { CsvError } from './csv/errors.ts';
import { type ParsedCsv, parseCsv } from './csv/parse.ts';
import { checkRowCount } from './csv/row-limit.ts';
import { type MerchantRule, matchMerchant, merchantKey } from './merchant-match.ts';
import { readAmount } from './spend-amount.ts';
import { detectSpendFormat, headerLineIndex, NOT_SPEND, type SpendSource } from './spend-formats.ts';

export type SpendLine = {
  lineKey: string;
  day: string;
  merchant: string;
  amount: number;
  currency: string;
  email: string | null;
  memo: string | null;
  appId: string | null;
};
export type MerchantTotal = { merchant: string; total: number; currency: string; lines: number };
export type AppTotal = { appId: string; total: number; currency: string; lines: number };

export type SpendImportPlan = {
  source: SpendSource;
  /** Spend lines read from the file (rows that are no spend are in `skipped`). */
  lines: number;
  /** Lines already imported by an earlier upload of the same file: not stored again. */
  alreadyImported: number;
  add: SpendLine[];
  matched: number;
  unmatched: MerchantTotal[];
  byApp: AppTotal[];
  skipped: { row: number; reason: string }[];
  columns: Record<'date' | 'merchant' | 'amount' | 'currency' | 'email' | 'memo', string | null>;
};

const CURRENCY = /^[A-Z]{3}$/;

/** Parses the file, starting at its header row when a ledger report puts title rows above it. */
export function parseSpendCsv(text: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const skip = headerLineIndex(lines);
  if (skip === 0) return parseCsv(text);
  try {
    const csv = parseCsv(lines.slice(skip).join('\n'));
    return { ...csv, rows: csv.rows.map((r) => ({ ...r, row: r.row + skip })) };
  } catch (error) {
    if (error instanceof CsvError && error.row !== null) {
      throw new CsvError(error.row + skip, error.message.replace(/^Row \d+: /, ''));
    }
    throw error;
  }
}

/** The identity of a line: its fields and how many identical lines came before it in the same file. */
export function spendLineKey(
  source: SpendSource,
  line: Omit<SpendLine, 'lineKey' | 'appId'>,
  occurrence: number,
): string {
  const fields = [source, line.day, line.merchant, line.amount, line.currency, line.email, line.memo, occurrence];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export type SpendPlanInput = {
  csv: ParsedCsv;
  rules: readonly MerchantRule[];
  /** The currency of files with no currency column (a ledger in its home currency), from the request. */
  currency: string | null;
  /** Keys of lines already stored. */
  stored: ReadonlySet<string>;
};

export function planSpendImport({ csv, rules, currency, stored }: SpendPlanInput): SpendImportPlan {
  const { header, rows } = csv;
  checkRowCount(csv);
  const { source, columns, defaultCurrency } = detectSpendFormat(header);
  if (columns.date === -1) throw new CsvError(1, 'no date column (for example "Date" or "Transaction Date")');
  if (columns.merchant === -1)
    throw new CsvError(1, 'no merchant column (for example "Merchant", "Vendor", "Payee" or "Name")');
  if (columns.amount === -1 && columns.debit === -1)
    throw new CsvError(1, 'no amount column (for example "Amount", or "Debit" and "Credit")');
  const fileCurrency = currency ?? defaultCurrency;
  if (columns.currency === -1 && fileCurrency === null) {
    throw new CsvError(1, 'no currency column; say which currency the file is in (currency=USD)');
  }
  const cell = (cells: readonly string[], index: number) => (index === -1 ? '' : cells[index]!.trim());

  // Group, total and title rows of ledger reports have no date or nothing but their first cell: no spend.
  const skipped: SpendImportPlan['skipped'] = [];
  const spendRows = rows.filter((r) => {
    const kind = cell(r.cells, columns.kind);
    if (cell(r.cells, columns.date) === '' || r.cells.slice(1).every((c) => c.trim() === '')) {
      skipped.push({ row: r.row, reason: 'no date (a heading or total row)' });
      return false;
    }
    if (NOT_SPEND.test(kind)) {
      skipped.push({ row: r.row, reason: `${kind}: no spend` });
      return false;
    }
    return true;
  });
  const days = parseDates(
    spendRows.map((r) => ({ row: r.row, value: cell(r.cells, columns.date) })),
    header[columns.date]!,
  ).days;

  const occurrences = new Map<string, number>();
  const add: SpendLine[] = [];
  const unmatched = new Map<string, MerchantTotal>();
  const byApp = new Map<string, AppTotal>();
  let alreadyImported = 0;
  let matched = 0;
  spendRows.forEach((r, index) => {
    const lineCurrency = (cell(r.cells, columns.currency) || fileCurrency || '').toUpperCase();
    if (!CURRENCY.test(lineCurrency) || !isCurrency(lineCurrency)) {
      throw new CsvError(
        r.row,
        `"${lineCurrency}" in column "${header[columns.currency]}" is not an ISO 4217 currency`,
      );
    }
    const amount = lineAmount(r.cells, r.row, header, columns, lineCurrency);
    if (amount === null) {
      skipped.push({ row: r.row, reason: 'no amount' });
      return;
    }
    const merchant = cell(r.cells, columns.merchant);
    if (merchant === '') throw new CsvError(r.row, `no merchant in column "${header[columns.merchant]}"`);
    const emailCell = cell(r.cells, columns.email).toLowerCase();
    const fields = {
      day: days[index]!,
      merchant,
      amount,
      currency: lineCurrency,
      email: looksLikeEmail(emailCell) ? emailCell : null,
      memo: cell(r.cells, columns.memo) || null,
    };
    const identity = JSON.stringify(fields);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    const lineKey = spendLineKey(source, fields, occurrence);
    const appId = matchMerchant(merchant, rules)?.appId ?? null;
    if (appId === null) {
      const key = `${merchantKey(merchant)}\u0000${lineCurrency}`;
      const total = unmatched.get(key) ?? {
        merchant: merchantKey(merchant),
        total: 0,
        currency: lineCurrency,
        lines: 0,
      };
      total.total += amount;
      total.lines += 1;
      unmatched.set(key, total);
    } else {
      matched += 1;
      const key = `${appId}\u0000${lineCurrency}`;
      const total = byApp.get(key) ?? { appId, total: 0, currency: lineCurrency, lines: 0 };
      total.total += amount;
      total.lines += 1;
      byApp.set(key, total);
    }
    if (stored.has(lineKey)) alreadyImported += 1;
    else add.push({ lineKey, ...fields, appId });
  });
  const name = (index: number) => (index === -1 ? null : header[index]!);
  return {
    source,
    lines: add.length + alreadyImported,
    alreadyImported,
    add,
    matched,
    unmatched: [...unmatched.values()].sort((a, b) => b.total - a.total || a.merchant.localeCompare(b.merchant)),
    byApp: [...byApp.values()].sort((a, b) => a.appId.localeCompare(b.appId) || a.currency.localeCompare(b.currency)),
    skipped,
    columns: {
      date: name(columns.date),
      merchant: name(columns.merchant),
      amount: name(columns.amount === -1 ? columns.debit : columns.amount),
      currency: name(columns.currency),
      email: name(columns.email),
      memo: name(columns.memo),
    },
  };
}

function isCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

/** The line's amount in minor units: the amount column, or debit minus credit; a refund or credit is negative. */
function lineAmount(
  cells: readonly string[],
  row: number,
  header: readonly string[],
  columns: ReturnType<typeof detectSpendFormat>['columns'],
  currency: string,
): number | null {
  const read = (index: number) => {
    if (index === -1) return null;
    const value = readAmount(cells[index]!, currency);
    if (value !== null && typeof value === 'object') {
      throw new CsvError(row, `"${cells[index]!.trim()}" in column "${header[index]}" ${value.problem}`);
    }
    return value;
  };
  if (columns.amount !== -1) return read(columns.amount);
  const debit = read(columns.debit);
  const credit = read(columns.credit);
  if (debit === null && credit === null) return null;
  return (debit ?? 0) - Math.abs(credit ?? 0);
}
