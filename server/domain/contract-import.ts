// Plans a contract-register import: reads each line's vendor, plan, seats, cost and dates, finds its app, and
// compares it with the stored subscriptions. Pure: the caller reads and writes the database.
//
// A line updates the subscription with the same contract reference, app and plan (the schema's unique key); a line
// whose reference and app match exactly one subscription on another plan moves that one to the new plan. A line
// without a reference updates the one subscription of its app and plan that has no reference either, so importing
// the same register twice changes nothing; when there are several such subscriptions it is skipped as ambiguous.
import type { BillingPeriod, Metric } from '../contract.ts';
import { type ContractColumns, findContractColumns } from './contract-columns.ts';
import { deriveUnitCost, readBillingPeriod, readNoticeDays, readTerm, type StatedCost } from './contract-terms.ts';
import { isCurrencyCode, readAmount } from './csv/amounts.ts';
import { looksLikeEmail, readFlag } from './csv/cells.ts';
import { parseDates } from './csv/dates.ts';
import { CsvError } from './csv/errors.ts';
import type { ParsedCsv } from './csv/parse.ts';
import { checkRowCount } from './csv/row-limit.ts';
import { addDays } from './days.ts';
import { matchVendor, type VendorIndex } from './vendor-match.ts';

/** The fields of a subscription a register line sets. */
export type ContractTerms = {
  metric: Metric;
  seats: number | null;
  unitCost: number;
  currency: string;
  billingPeriod: BillingPeriod;
  startDate: string | null;
  renewalDate: string | null;
  autoRenew: boolean;
  noticeDays: number;
  ownerEmail: string | null;
  department: string | null;
};
export type ExistingContract = ContractTerms & { id: number; appId: string; plan: string; contractRef: string | null };

export type ContractLine = {
  row: number;
  vendor: string;
  appId: string;
  plan: string;
  contractRef: string | null;
  /** Only the fields the file has columns for. */
  terms: Partial<ContractTerms> & Pick<ContractTerms, 'unitCost' | 'currency' | 'billingPeriod'>;
  purchase: {
    quantity: number | null;
    lineTotal: number | null;
    currency: string;
    startDate: string | null;
    endDate: string | null;
  };
};
export type UnmatchedLine = { row: number; vendor: string; product: string; reason: string; candidates: string[] };
export type ContractImportPlan = {
  rows: number;
  add: ContractLine[];
  update: { id: number; line: ContractLine; before: ExistingContract }[];
  unchanged: { id: number; line: ContractLine }[];
  unmatched: UnmatchedLine[];
  skipped: { row: number; reason: string }[];
  warnings: string[];
  columns: Record<string, string>;
};

const METRICS: Record<string, Metric> = {
  user: 'named_user',
  users: 'named_user',
  seat: 'named_user',
  seats: 'named_user',
  'named user': 'named_user',
  'per user': 'named_user',
  'per seat': 'named_user',
  licence: 'named_user',
  license: 'named_user',
  concurrent: 'concurrent',
  'concurrent user': 'concurrent',
  'named user licence': 'named_user',
  site: 'site',
  enterprise: 'site',
  'site licence': 'site',
  'site license': 'site',
  flat: 'flat',
  fixed: 'flat',
  'flat fee': 'flat',
};

const QUANTITY = /^(?:\d{1,3}(?:[,.' ]\d{3})+|\d+)(?:\.0+)?$/;
const MAX_PLAN = 100;
const MAX_REF = 100;

function readQuantity(cell: string): number | null | undefined {
  const text = cell.trim();
  if (text === '') return null;
  if (!QUANTITY.test(text)) return undefined;
  const n = Number(text.replace(/\.0+$/, '').replace(/[,.' ]/g, ''));
  return n <= 10_000_000 ? n : undefined;
}

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/** Whole months from start to the day after end, rounded: 2026-01-01..2026-12-31 is 12. */
function monthsBetween(start: string, end: string): number {
  const days = (Date.parse(`${addDays(end, 1)}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  return Math.round(days / (365.25 / 12));
}

type Reader = {
  cell: (row: { cells: string[] }, column: keyof ContractColumns) => string;
  /** The error for a cell this import cannot read: the whole file is refused. */
  problem: (row: number, column: keyof ContractColumns, value: string, why: string) => CsvError;
};

function reader(header: readonly string[], columns: ContractColumns): Reader {
  return {
    cell: (row, column) => (columns[column] === -1 ? '' : row.cells[columns[column]]!.trim()),
    problem: (row, column, value, why) => new CsvError(row, `"${value}" in column "${header[columns[column]]}" ${why}`),
  };
}

type LineInput = { csv: ParsedCsv; index: VendorIndex; existing: readonly ExistingContract[] };

export function planContractImport({ csv, index, existing }: LineInput): ContractImportPlan {
  checkRowCount(csv);
  const { header, rows } = csv;
  const columns = findContractColumns(header);
  const { cell, problem } = reader(header, columns);
  const dates = (column: 'start' | 'end' | 'renewal') =>
    columns[column] === -1
      ? null
      : parseDates(
          rows.map((r) => ({ row: r.row, value: r.cells[columns[column]]! })),
          header[columns[column]]!,
        );
  const start = dates('start');
  const end = dates('end');
  const renewal = dates('renewal');
  const warnings = [start?.warning, end?.warning, renewal?.warning].filter((w): w is string => !!w);
  const rounded: string[] = [];
  const ownerNames: number[] = [];

  const skipped: ContractImportPlan['skipped'] = [];
  const unmatched: UnmatchedLine[] = [];
  const lines: ContractLine[] = [];
  rows.forEach((r, i) => {
    const vendor = cell(r, 'vendor') || cell(r, 'app');
    const product = cell(r, 'product');
    const plan = cell(r, 'plan') || product;
    if (vendor === '' && cell(r, 'app') === '' && plan === '') {
      skipped.push({ row: r.row, reason: 'empty line' });
      return;
    }
    const contractRef = cell(r, 'reference') || null;
    if (contractRef && contractRef.length > MAX_REF)
      throw problem(r.row, 'reference', contractRef, `is longer than ${MAX_REF} characters`);

    const currencyCell = cell(r, 'currency').toUpperCase();
    if (currencyCell !== '' && !isCurrencyCode(currencyCell))
      throw problem(
        r.row,
        'currency',
        cell(r, 'currency'),
        'is not an ISO 4217 currency code (for example USD, EUR, GBP)',
      );
    let currency: string | null = currencyCell || null;
    let stated: StatedCost | null = null;
    for (const [column, kind] of [
      ['unitPrice', 'unit price'],
      ['annualValue', 'annual value'],
      ['monthlyValue', 'monthly value'],
      ['lineTotal', 'line total'],
    ] as const) {
      const value = cell(r, column);
      const reading = readAmount(value, currency);
      if (reading.kind === 'bad') throw problem(r.row, column, value, reading.why);
      if (reading.kind === 'empty') continue;
      currency ??= reading.currency;
      stated ??= { kind, amount: reading.minorUnits };
    }
    const lineTotalCell = readAmount(cell(r, 'lineTotal'), currency);
    if (!currency && stated)
      throw new CsvError(r.row, 'no currency: add a currency column or write the code with the amount (1,200.00 EUR)');

    const quantityCell = cell(r, 'quantity');
    const quantity = readQuantity(quantityCell);
    if (quantity === undefined) throw problem(r.row, 'quantity', quantityCell, 'is not a whole number of seats');
    const metricCell = cell(r, 'metric').toLowerCase().replace(/_/g, ' ');
    const metric = metricCell === '' ? (quantity === null ? 'flat' : 'named_user') : METRICS[metricCell];
    if (!metric)
      throw problem(r.row, 'metric', cell(r, 'metric'), 'is not a licence metric (user, concurrent, site or flat)');

    const billingCell = cell(r, 'billing');
    const billingRead = readBillingPeriod(billingCell);
    if (billingRead === undefined)
      throw problem(r.row, 'billing', billingCell, 'is not a billing period (monthly or annual)');
    const billingPeriod: BillingPeriod = billingRead ?? (stated?.kind === 'monthly value' ? 'monthly' : 'annual');

    const termColumn = columns.termMonths !== -1 ? 'termMonths' : columns.termYears !== -1 ? 'termYears' : 'term';
    const termRead = readTerm(cell(r, termColumn), termColumn === 'termYears' ? 'years' : 'months');
    if (termRead && 'why' in termRead) throw problem(r.row, termColumn, cell(r, termColumn), termRead.why);
    const startDate = start?.days[i] ?? null;
    const endDate = end?.days[i] ?? null;
    const termMonths =
      termRead && 'months' in termRead
        ? termRead.months
        : startDate && endDate && endDate >= startDate
          ? monthsBetween(startDate, endDate)
          : null;

    const noticeCell = cell(r, 'notice');
    const noticeDays = readNoticeDays(noticeCell);
    if (noticeDays === undefined)
      throw problem(r.row, 'notice', noticeCell, 'is not a notice period in days (0 to 365)');
    const autoRenewCell = cell(r, 'autoRenew');
    const autoRenew = autoRenewCell === '' ? null : readFlag(autoRenewCell);
    if (autoRenewCell !== '' && autoRenew === null)
      throw problem(r.row, 'autoRenew', autoRenewCell, 'is not yes or no');

    if (plan === '') {
      skipped.push({ row: r.row, reason: 'no plan or product' });
      return;
    }
    if (plan.length > MAX_PLAN) {
      skipped.push({ row: r.row, reason: `the plan is longer than ${MAX_PLAN} characters` });
      return;
    }
    if (!stated || !currency) {
      skipped.push({ row: r.row, reason: 'no price or total' });
      return;
    }
    const seats = metric === 'site' ? null : quantity;
    if ((metric === 'named_user' || metric === 'concurrent') && seats === null) {
      skipped.push({ row: r.row, reason: `a ${metric.replace('_', ' ')} line needs a quantity` });
      return;
    }
    if (quantity === 0 && stated.kind !== 'unit price') {
      skipped.push({ row: r.row, reason: 'quantity 0: a total cannot be spread over no seats' });
      return;
    }
    const cost = deriveUnitCost(stated, seats ?? 1, billingPeriod, termMonths);
    if (!cost) {
      skipped.push({ row: r.row, reason: 'a line total needs a term or start and end dates to spread over' });
      return;
    }
    if (cost.rounded) rounded.push(`row ${r.row}`);

    const match = matchVendor(index, [cell(r, 'app'), cell(r, 'vendor')], `${product} ${cell(r, 'plan')}`);
    if (match.appId === null) {
      unmatched.push({ row: r.row, vendor, product, reason: match.reason, candidates: match.candidates });
      return;
    }

    const ownerCell = cell(r, 'owner');
    const owner = ownerCell !== '' && looksLikeEmail(ownerCell) ? ownerCell.toLowerCase() : null;
    if (ownerCell !== '' && !owner) ownerNames.push(r.row);
    const renewalDate =
      renewal?.days[i] ?? endDate ?? (startDate && termMonths ? addDays(addMonths(startDate, termMonths), -1) : null);
    const terms: ContractLine['terms'] = {
      unitCost: cost.unitCost,
      currency,
      billingPeriod,
      ...(columns.quantity !== -1 || columns.metric !== -1 ? { metric, seats } : {}),
      ...(columns.start !== -1 ? { startDate } : {}),
      ...(columns.renewal !== -1 || columns.end !== -1 || (startDate && termMonths) ? { renewalDate } : {}),
      ...(autoRenew !== null ? { autoRenew } : {}),
      ...(noticeDays !== null ? { noticeDays } : {}),
      ...(columns.owner !== -1 && (owner || ownerCell === '') ? { ownerEmail: owner } : {}),
      ...(columns.department !== -1 ? { department: cell(r, 'department').slice(0, 100) || null } : {}),
    };
    lines.push({
      row: r.row,
      vendor,
      appId: match.appId,
      plan,
      contractRef,
      terms,
      purchase: {
        quantity,
        lineTotal: lineTotalCell.kind === 'amount' ? lineTotalCell.minorUnits : cost.lineTotal,
        currency,
        startDate,
        endDate: endDate ?? renewalDate,
      },
    });
  });

  if (rounded.length > 0) {
    warnings.push(
      `The cost of ${rounded.length} line${rounded.length === 1 ? '' : 's'} (${rounded.slice(0, 3).join(', ')}` +
        `${rounded.length > 3 ? '…' : ''}) does not divide evenly into seats and billing periods: the unit cost ` +
        'was rounded half up to the minor unit; the line total is kept as stated on its purchase record.',
    );
  }
  if (ownerNames.length > 0) {
    warnings.push(
      `The owner of ${ownerNames.length} line${ownerNames.length === 1 ? '' : 's'} ` +
        `(row ${ownerNames.slice(0, 3).join(', ')}` +
        `${ownerNames.length > 3 ? '…' : ''}) is not an email address, so it was left as it was.`,
    );
  }
  return {
    rows: rows.length,
    ...compare(lines, existing, skipped),
    unmatched,
    skipped,
    warnings,
    columns: Object.fromEntries(
      Object.entries(columns)
        .filter(([, i]) => i !== -1)
        .map(([key, i]) => [key, header[i]!]),
    ),
  };
}

const key = (ref: string | null, appId: string, plan: string) => JSON.stringify([ref, appId, plan.toLowerCase()]);

const changedFields = (line: ContractLine, before: ExistingContract) =>
  (Object.keys(line.terms) as (keyof ContractTerms)[]).filter((field) => line.terms[field] !== before[field]);

/** Sorts the lines into add, update and unchanged against the stored subscriptions; duplicates are skipped. */
function compare(
  lines: readonly ContractLine[],
  existing: readonly ExistingContract[],
  skipped: ContractImportPlan['skipped'],
) {
  const byKey = new Map<string, ExistingContract[]>();
  for (const sub of existing) {
    const k = key(sub.contractRef, sub.appId, sub.plan);
    byKey.set(k, [...(byKey.get(k) ?? []), sub]);
  }
  const seen = new Map<string, number>();
  const claimed = new Set<number>();
  const result: Pick<ContractImportPlan, 'add' | 'update' | 'unchanged'> = { add: [], update: [], unchanged: [] };
  const pending: ContractLine[] = [];
  for (const line of lines) {
    const k = key(line.contractRef, line.appId, line.plan);
    const earlier = seen.get(k);
    if (earlier !== undefined) {
      skipped.push({ row: line.row, reason: `the same contract, app and plan as row ${earlier}` });
      continue;
    }
    seen.set(k, line.row);
    const matches = byKey.get(k) ?? [];
    if (matches.length > 1) {
      skipped.push({
        row: line.row,
        reason: `${matches.length} subscriptions have this app and plan and no contract reference: add the reference`,
      });
      continue;
    }
    if (matches.length === 1) {
      claimed.add(matches[0]!.id);
      settle(result, line, matches[0]!);
    } else pending.push(line);
  }
  // A reference and app that name exactly one other subscription: the contract moved to another plan.
  const refApp = (ref: string | null, appId: string) => JSON.stringify([ref, appId]);
  const linesPerRefApp = new Map<string, number>();
  for (const line of lines) {
    if (line.contractRef) {
      const k = refApp(line.contractRef, line.appId);
      linesPerRefApp.set(k, (linesPerRefApp.get(k) ?? 0) + 1);
    }
  }
  for (const line of pending) {
    const others = line.contractRef
      ? existing.filter((s) => s.contractRef === line.contractRef && s.appId === line.appId && !claimed.has(s.id))
      : [];
    if (others.length === 1 && linesPerRefApp.get(refApp(line.contractRef, line.appId)) === 1) {
      claimed.add(others[0]!.id);
      result.update.push({ id: others[0]!.id, line, before: others[0]! });
    } else result.add.push(line);
  }
  return result;
}

function settle(result: Pick<ContractImportPlan, 'update' | 'unchanged'>, line: ContractLine, sub: ExistingContract) {
  if (changedFields(line, sub).length > 0 || line.plan !== sub.plan)
    result.update.push({ id: sub.id, line, before: sub });
  else result.unchanged.push({ id: sub.id, line });
}

export const MAX_PREVIEW_CONTRACT_CHANGES = 500;

export type ContractChange = {
  row: number;
  change: 'add' | 'update';
  subscriptionId: number | null;
  appId: string;
  plan: string;
  contractRef: string | null;
  /** For an update, the fields it changes as they were and will be; for an add, every field it sets. */
  before: Partial<ContractTerms & { plan: string }> | null;
  after: Partial<ContractTerms & { plan: string }>;
};

export function contractChanges(plan: ContractImportPlan): { changes: ContractChange[]; changesTruncated: boolean } {
  const base = (line: ContractLine) => ({
    row: line.row,
    appId: line.appId,
    plan: line.plan,
    contractRef: line.contractRef,
  });
  const all: ContractChange[] = [
    ...plan.add.map(
      (line): ContractChange => ({
        ...base(line),
        change: 'add',
        subscriptionId: null,
        before: null,
        after: line.terms,
      }),
    ),
    ...plan.update.map(({ id, line, before }): ContractChange => {
      const fields = changedFields(line, before);
      const pick = (from: Partial<ContractTerms>) => Object.fromEntries(fields.map((f) => [f, from[f] ?? null]));
      const planMoved = line.plan !== before.plan;
      return {
        ...base(line),
        change: 'update',
        subscriptionId: id,
        before: { ...pick(before), ...(planMoved ? { plan: before.plan } : {}) },
        after: { ...pick(line.terms), ...(planMoved ? { plan: line.plan } : {}) },
      };
    }),
  ].sort((a, b) => a.row - b.row);
  return {
    changes: all.slice(0, MAX_PREVIEW_CONTRACT_CHANGES),
    changesTruncated: all.length > MAX_PREVIEW_CONTRACT_CHANGES,
  };
}
