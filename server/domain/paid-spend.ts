// What was paid for each app against what its subscriptions say it costs, and the two warnings finance acts on:
// a price rise (a charge more than the one before it) and double billing (two or more charges in one
// billing period adding up to more than the contract). Pure: lines, contracts and the period come in.
import { addDays } from './days.ts';

export type PaidLine = { appId: string; currency: string; day: string; amount: number; email: string | null };
/** What the app's subscriptions in one currency cost a year, and how they bill (the first subscription's period). */
export type Contract = { appId: string; currency: string; annualCost: number; billingPeriod: 'monthly' | 'annual' };
export type Period = { from: string; to: string };

export type PriceRise = { day: string; paid: number; previousDay: string; previousPaid: number };
export type DoubleBilling = { period: string; charges: number; paid: number; contracted: number };
export type PaidSpend = {
  appId: string;
  currency: string;
  paid: number;
  annualised: number;
  annualCost: number | null;
  difference: number | null;
  lines: number;
  /** Distinct employees on the lines (expense and card exports that name them). */
  payers: number;
  priceRise: PriceRise | null;
  doubleBilling: DoubleBilling | null;
};

/** More than 2% above: card charges round and convert, so equal prices may differ by cents. */
const TOLERANCE_PERCENT = 2;
const above = (amount: number, reference: number) => amount * 100 > reference * (100 + TOLERANCE_PERCENT);

export function periodDays({ from, to }: Period): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The 365 days ending on `today`: the default period of paid spend on every surface. */
export const lastYear = (today: string): Period => ({ from: addDays(today, -364), to: today });

/** Paid in the period scaled to 365 days (equal to what was paid when the period is 365 days). */
export const annualisePaid = (paid: number, period: Period) => Math.round((paid * 365) / periodDays(period));

const bucketOf = (day: string, billing: Contract['billingPeriod']) =>
  billing === 'monthly' ? day.slice(0, 7) : day.slice(0, 4);

/**
 * The latest charge more than 2% above the charge before it from the same payer (a card or an employee): a renewal
 * at a higher price. Comparing charges, not period totals, keeps a double charge from reading as a rise.
 */
function findPriceRise(lines: readonly PaidLine[]): PriceRise | null {
  const previousByPayer = new Map<string | null, PaidLine>();
  let rise: PriceRise | null = null;
  for (const line of lines) {
    if (line.amount <= 0) continue;
    const previous = previousByPayer.get(line.email);
    if (previous && above(line.amount, previous.amount) && (rise === null || line.day >= rise.day)) {
      rise = { day: line.day, paid: line.amount, previousDay: previous.day, previousPaid: previous.amount };
    }
    previousByPayer.set(line.email, line);
  }
  return rise;
}

function findDoubleBilling(lines: readonly PaidLine[], contract: Contract): DoubleBilling | null {
  const contracted = contract.billingPeriod === 'monthly' ? Math.round(contract.annualCost / 12) : contract.annualCost;
  const buckets = new Map<string, { charges: number; paid: number }>();
  for (const line of lines) {
    const bucket = buckets.get(bucketOf(line.day, contract.billingPeriod)) ?? { charges: 0, paid: 0 };
    if (line.amount > 0) bucket.charges += 1;
    bucket.paid += line.amount;
    buckets.set(bucketOf(line.day, contract.billingPeriod), bucket);
  }
  const found = [...buckets]
    .filter(([, b]) => b.charges >= 2 && above(b.paid, contracted))
    .sort(([a], [b]) => b.localeCompare(a))[0];
  return found ? { period: found[0], charges: found[1].charges, paid: found[1].paid, contracted } : null;
}

/**
 * One row per app and currency with lines in the period, plus one per contract with none (paid 0), so every
 * subscription shows what was paid beside what it costs. Lines outside the period are ignored.
 */
export function paidSpend(lines: readonly PaidLine[], contracts: readonly Contract[], period: Period): PaidSpend[] {
  const groups = new Map<string, PaidLine[]>();
  const key = (appId: string, currency: string) => `${appId}\u0000${currency}`;
  for (const line of lines) {
    if (line.day < period.from || line.day > period.to) continue;
    const group = groups.get(key(line.appId, line.currency)) ?? [];
    group.push(line);
    groups.set(key(line.appId, line.currency), group);
  }
  const contractOf = new Map(contracts.map((c) => [key(c.appId, c.currency), c]));
  for (const c of contracts) if (!groups.has(key(c.appId, c.currency))) groups.set(key(c.appId, c.currency), []);
  const rows: PaidSpend[] = [];
  for (const [groupKey, group] of groups) {
    const [appId, currency] = groupKey.split('\u0000') as [string, string];
    const contract = contractOf.get(groupKey) ?? null;
    const paid = group.reduce((sum, line) => sum + line.amount, 0);
    const annualised = annualisePaid(paid, period);
    rows.push({
      appId,
      currency,
      paid,
      annualised,
      annualCost: contract?.annualCost ?? null,
      difference: contract ? annualised - contract.annualCost : null,
      lines: group.length,
      payers: new Set(group.flatMap((line) => (line.email ? [line.email] : []))).size,
      priceRise: findPriceRise([...group].sort((a, b) => a.day.localeCompare(b.day))),
      doubleBilling: contract ? findDoubleBilling(group, contract) : null,
    });
  }
  return rows.sort((a, b) => a.appId.localeCompare(b.appId) || a.currency.localeCompare(b.currency));
}
