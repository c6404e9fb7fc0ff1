// The card, expense and ledger exports the spend import reads, told apart by their headers, and where each keeps the
// date, merchant, amount, currency, employee and memo. Any other file with a date, merchant and amount column is read
// as generic.
import { findColumn, normaliseHeader } from './csv/columns.ts';

export const SPEND_SOURCES = ['expensify', 'ramp', 'brex', 'quickbooks', 'netsuite', 'generic'] as const;
export type SpendSource = (typeof SPEND_SOURCES)[number];

export type SpendColumns = {
  date: number;
  merchant: number;
  amount: number;
  debit: number;
  credit: number;
  currency: number;
  email: number;
  memo: number;
  /** A transaction-type column whose value says a row is no spend (a card payment, a transfer). */
  kind: number;
};

type Format = {
  source: SpendSource;
  /** Headers only this export has (any one of them, normalised). */
  signature: readonly string[];
  /** Names tried first for each field, before the generic ones. */
  names?: Partial<Record<keyof SpendColumns, readonly string[]>>;
  /** The currency when the file has no currency column (Brex bills in USD). */
  currency?: string;
};

const FORMATS: readonly Format[] = [
  // New Expensify's Download (Date, Merchant, Description, From, To, Category, Tag, Tax, Amount, Currency, Type,
  // Receipt URL) and classic Expensify's default export (Timestamp, Merchant, Amount, MCC, Category, Tag, Comment,
  // Reimbursable, Original Currency, Original Amount, Receipt).
  {
    source: 'expensify',
    signature: ['receipt url', 'reimbursable', 'original currency', 'report id', 'mcc'],
    names: {
      email: ['from', 'email', 'submitter'],
      memo: ['description', 'comment'],
      // Classic's Amount is in the report's currency, which no column names: read the original pair instead.
      amount: ['original amount'],
      currency: ['original currency'],
    },
  },
  // Brex card transactions: Swipe Date (UTC), Posted Date, Type, Amount, User, Statement Descriptor, Merchant Name...
  {
    source: 'brex',
    signature: ['statement descriptor', 'swipe date utc', 'brex category'],
    names: { date: ['swipe date utc', 'posted date'], merchant: ['statement descriptor', 'merchant name'] },
    currency: 'USD',
  },
  // Ramp transactions: Transaction Date, Merchant, Amount, Currency, User, User Email, Card, Memo, Ramp Category...
  {
    source: 'ramp',
    signature: ['ramp category', 'ramp id', 'merchant descriptor', 'card program'],
    names: { merchant: ['merchant descriptor', 'merchant'], email: ['user email', 'employee email'] },
  },
  // QuickBooks Online Transaction Detail by Account / Expenses by Vendor: Date, Transaction Type, Num, Name,
  // Memo/Description, Account, Split, Amount, Balance (under a few title rows).
  {
    source: 'quickbooks',
    signature: ['transaction type', 'split', 'num'],
    names: { merchant: ['name', 'vendor', 'payee'], memo: ['memo description'] },
  },
  // NetSuite transaction saved search: Internal ID, Date, Type, Document Number, Name, Account, Memo, Amount (Debit),
  // Amount (Credit), Currency.
  {
    source: 'netsuite',
    signature: ['internal id', 'document number', 'amount debit'],
    names: { merchant: ['name', 'vendor'], debit: ['amount debit'], credit: ['amount credit'] },
  },
];

const GENERIC: Record<keyof SpendColumns, readonly string[]> = {
  date: [
    'date',
    'transaction date',
    'posted date',
    'post date',
    'timestamp',
    'transaction time',
    'clearing date',
    'settlement date',
    'expense date',
    'created',
    'user transaction time',
  ],
  merchant: ['merchant', 'merchant name', 'vendor', 'vendor name', 'payee', 'supplier', 'name', 'description'],
  amount: ['amount', 'total', 'amount usd', 'transaction amount', 'billed amount', 'net amount'],
  debit: ['debit', 'debit amount', 'amount debit', 'charges'],
  credit: ['credit', 'credit amount', 'amount credit', 'credits'],
  currency: ['currency', 'currency code', 'original currency', 'transaction currency'],
  email: ['email', 'user email', 'employee email', 'cardholder email', 'card holder email', 'submitter email', 'from'],
  memo: ['memo', 'memo description', 'description', 'comment', 'notes', 'note'],
  kind: ['type', 'transaction type'],
};

export type DetectedFormat = { source: SpendSource; columns: SpendColumns; defaultCurrency: string | null };

/** Which export this header is and where its fields are; the caller checks the required ones are there. */
export function detectSpendFormat(header: readonly string[]): DetectedFormat {
  const normalised = new Set(header.map(normaliseHeader));
  const format = FORMATS.find((f) => f.signature.some((name) => normalised.has(name)));
  const find = (field: keyof SpendColumns, taken: readonly number[]) => {
    const names = [...(format?.names?.[field] ?? []), ...GENERIC[field]];
    for (const name of names) {
      const index = findColumn(header, [name]);
      if (index !== -1 && !taken.includes(index)) return index;
    }
    return -1;
  };
  const date = find('date', []);
  const merchant = find('merchant', [date]);
  const amount = find('amount', [date, merchant]);
  const taken = [date, merchant, amount];
  const columns: SpendColumns = {
    date,
    merchant,
    amount,
    debit: find('debit', taken),
    credit: find('credit', taken),
    currency: find('currency', taken),
    email: find('email', taken),
    memo: find('memo', taken),
    kind: find('kind', taken),
  };
  return { source: format?.source ?? 'generic', columns, defaultCurrency: format?.currency ?? null };
}

/** Rows that are no spend: payments to the card, transfers, and the group and total rows of a ledger report. */
export const NOT_SPEND =
  /^(payment to brex|payment|card payment|credit card payment|bill payment.*|transfer|deposit|journal entry|total.*)$/i;

/**
 * Where the header row is: ledger reports (QuickBooks) put a company name, report title and period above it. The
 * first of the first ten lines that has a date column and an amount or debit column.
 */
export function headerLineIndex(lines: readonly string[]): number {
  for (let i = 0; i < Math.min(lines.length, 10); i += 1) {
    const cells = lines[i]!.split(/[,;\t]/).map((cell) => normaliseHeader(cell.replace(/"/g, '')));
    const has = (names: readonly string[]) => cells.some((cell) => names.includes(cell));
    if (has(GENERIC.date) && (has(GENERIC.amount) || has(GENERIC.debit))) return i;
  }
  return 0;
}
