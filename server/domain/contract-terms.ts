// The terms of a contract line as registers word them: the term ("12 months", "1 year", "36", "Annual"), the billing
// period ("Monthly", "Annually", "Upfront"), the notice period in days, and the unit cost per seat and billing period
// derived exactly, in minor units, from whichever of unit price, annual value, monthly value or line total is given.
import type { BillingPeriod } from '../contract.ts';

export type TermReading = { months: number } | { why: string } | null;

const TERM = /^(\d+(?:[.,]\d+)?)\s*(months?|mos?|mths?|m|years?|yrs?|y)?$/i;
const TERM_WORDS: Record<string, number> = {
  annual: 12,
  annually: 12,
  yearly: 12,
  year: 12,
  monthly: 1,
  month: 1,
  quarterly: 3,
  biennial: 24,
  triennial: 36,
};

/**
 * A term in months; `unit` is what the column's header says a bare number counts ("Term (years)"), months
 * otherwise. Null for an empty cell.
 */
export function readTerm(cell: string, unit: 'months' | 'years' = 'months'): TermReading {
  const text = cell.trim().toLowerCase();
  if (text === '') return null;
  if (TERM_WORDS[text] !== undefined) return { months: TERM_WORDS[text] };
  const m = TERM.exec(text);
  if (!m) return { why: 'is not a term (for example "12 months", "1 year", "36" or "Annual")' };
  const count = Number(m[1]!.replace(',', '.'));
  const years = m[2] ? m[2].startsWith('y') : unit === 'years';
  const months = years ? count * 12 : count;
  if (!Number.isInteger(months) || months < 1 || months > 120)
    return { why: 'is not a whole number of months between 1 and 120' };
  return { months };
}

const BILLING: Record<string, BillingPeriod> = {
  monthly: 'monthly',
  month: 'monthly',
  'per month': 'monthly',
  '1 month': 'monthly',
  mo: 'monthly',
  annual: 'annual',
  annually: 'annual',
  yearly: 'annual',
  year: 'annual',
  'per year': 'annual',
  'per annum': 'annual',
  '12 months': 'annual',
  '1 year': 'annual',
  upfront: 'annual',
  'annual upfront': 'annual',
  'annual in advance': 'annual',
};

/** monthly or annual; null for an empty cell; undefined for words this import does not know. */
export function readBillingPeriod(cell: string): BillingPeriod | null | undefined {
  const text = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return null;
  return BILLING[text];
}

/** Notice in days: "30", "30 days", "60d". Null for an empty cell, undefined when it is not a count of days. */
export function readNoticeDays(cell: string): number | null | undefined {
  const text = cell.trim().toLowerCase();
  if (text === '') return null;
  const m = /^(\d{1,3})\s*(d|days?)?$/.exec(text);
  if (!m || Number(m[1]) > 365) return undefined;
  return Number(m[1]);
}

/** How the line states its cost, in minor units. */
export type StatedCost =
  | { kind: 'unit price'; amount: number }
  | { kind: 'annual value'; amount: number }
  | { kind: 'monthly value'; amount: number }
  | { kind: 'line total'; amount: number };

export type UnitCost = {
  /** Per seat (or per licence for a flat or site line) and billing period, in minor units. */
  unitCost: number;
  /** The line's total over its term when it can be said (stated, or quantity x unit cost x periods). */
  lineTotal: number | null;
  /** The exact quotient when it had to be rounded, as "numerator/denominator". */
  rounded: { exact: string } | null;
};

/** a / b rounded half up (both non-negative integers). */
const divide = (a: number, b: number) => {
  const q = Math.floor(a / b);
  return a - q * b >= b - (a - q * b) ? q + 1 : q;
};

/**
 * The unit cost per billing period from what the line states. A line total spreads over the term's billing periods,
 * so it needs the term; a quotient that does not divide is rounded half up to the minor unit and said so.
 * `quantity` is 1 for lines without a seat count. Null when a line total has no term to spread over.
 */
export function deriveUnitCost(
  stated: StatedCost,
  quantity: number,
  billing: BillingPeriod,
  termMonths: number | null,
): UnitCost | null {
  const periodMonths = billing === 'annual' ? 12 : 1;
  let numerator: number;
  let denominator: number;
  switch (stated.kind) {
    case 'unit price':
      return {
        unitCost: stated.amount,
        lineTotal: termMonths === null ? null : divide(stated.amount * quantity * termMonths, periodMonths),
        rounded: null,
      };
    case 'annual value':
      numerator = stated.amount * periodMonths;
      denominator = quantity * 12;
      break;
    case 'monthly value':
      numerator = stated.amount * periodMonths;
      denominator = quantity;
      break;
    case 'line total':
      if (termMonths === null) return null;
      numerator = stated.amount * periodMonths;
      denominator = quantity * termMonths;
      break;
  }
  const unitCost = divide(numerator, denominator);
  const lineTotal =
    stated.kind === 'line total'
      ? stated.amount
      : termMonths === null
        ? null
        : divide(stated.amount * termMonths, stated.kind === 'annual value' ? 12 : 1);
  return {
    unitCost,
    lineTotal,
    rounded: numerator % denominator === 0 ? null : { exact: `${numerator}/${denominator}` },
  };
}
