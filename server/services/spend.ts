// Reading paid spend: per app and currency, what was paid in a period against what the subscriptions cost a year
// (the annual cost of the one reconciliation read, so the figure agrees with the overview), and the merchants no
// rule matched yet, for review.
import type { MerchantTotal, SpendReport } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { merchantKey } from '../domain/merchant-match.ts';
import {
  type Contract,
  lastYear,
  type PaidLine,
  type PaidSpend,
  type Period,
  paidSpend,
  periodDays,
} from '../domain/paid-spend.ts';
import { badRequest } from '../errors.ts';
import { appNames, listMatchedLines, listUnmatchedLines } from '../queries/spend.ts';
import { type ReconciledSubscription, readReconciliation } from './reconciliation.ts';

/** One contract per app and currency: the subscriptions' annual cost summed, as the overview costs them. */
export function contractsOf(subscriptions: readonly ReconciledSubscription[]): Contract[] {
  const contracts = new Map<string, Contract>();
  for (const s of subscriptions) {
    const key = `${s.appId}\u0000${s.currency}`;
    const contract = contracts.get(key);
    if (contract) contract.annualCost += s.annualCost;
    else
      contracts.set(key, {
        appId: s.appId,
        currency: s.currency,
        annualCost: s.annualCost,
        billingPeriod: s.terms.billingPeriod,
      });
  }
  return [...contracts.values()];
}

/** The contracts of every subscription, or of one app's. */
export async function loadContracts(db: Db, today: string, appId?: string): Promise<Contract[]> {
  const read = await readReconciliation(db, today, appId === undefined ? {} : { appId });
  return contractsOf(read.subscriptions.filter((s) => appId === undefined || s.appId === appId));
}

/**
 * What was paid in the 365 days ending `asOf` per app and currency, keyed `appId currency`: the paid column of the
 * licence position report, beside the subscriptions given.
 */
export async function paidLastYear(
  db: Db,
  subscriptions: readonly ReconciledSubscription[],
  asOf: string,
): Promise<Map<string, PaidSpend>> {
  const period = lastYear(asOf);
  const lines = await listMatchedLines(db, period);
  const paidLines = lines.flatMap((l): PaidLine[] => (l.appId ? [{ ...l, appId: l.appId }] : []));
  const rows = paidSpend(paidLines, contractsOf(subscriptions), period);
  return new Map(rows.map((row) => [`${row.appId} ${row.currency}`, row]));
}

export function spendPeriod(today: string, from?: string, to?: string): Period {
  const period = from === undefined && to === undefined ? lastYear(today) : lastYear(to ?? today);
  const chosen = { from: from ?? period.from, to: to ?? period.to };
  if (chosen.from > chosen.to) throw badRequest('invalid_request', `from (${chosen.from}) is after to (${chosen.to}).`);
  return chosen;
}

export async function readPaidSpend(
  db: Db,
  query: { from?: string | undefined; to?: string | undefined; appId?: string | undefined },
  today: string,
): Promise<SpendReport> {
  const period = spendPeriod(today, query.from, query.to);
  const [lines, contracts, names] = await Promise.all([
    listMatchedLines(db, period, query.appId),
    loadContracts(db, today, query.appId),
    appNames(db),
  ]);
  const paidLines = lines.flatMap((l): PaidLine[] => (l.appId ? [{ ...l, appId: l.appId }] : []));
  const rows = paidSpend(paidLines, contracts, period);
  const totals = new Map<string, SpendReport['totals'][number]>();
  const totalOf = (currency: string) => {
    const total = totals.get(currency) ?? { currency, paid: 0, annualised: 0, annualCost: 0 };
    totals.set(currency, total);
    return total;
  };
  for (const row of rows) {
    const total = totalOf(row.currency);
    total.paid += row.paid;
    total.annualised += row.annualised;
  }
  for (const contract of contracts) totalOf(contract.currency).annualCost += contract.annualCost;
  return {
    ...period,
    days: periodDays(period),
    apps: rows
      .map((row) => ({ ...row, appName: names.get(row.appId) ?? row.appId }))
      .sort((a, b) => a.appName.localeCompare(b.appName) || a.currency.localeCompare(b.currency)),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** Stored lines no rule matches, summed per merchant (as `merchantKey` groups it) and currency; largest first. */
export async function listUnmatchedMerchants(db: Db): Promise<MerchantTotal[]> {
  const totals = new Map<string, MerchantTotal>();
  for (const line of await listUnmatchedLines(db)) {
    const merchant = merchantKey(line.merchant);
    const key = `${merchant}\u0000${line.currency}`;
    const total = totals.get(key) ?? { merchant, total: 0, currency: line.currency, lines: 0 };
    total.total += line.amount;
    total.lines += 1;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => b.total - a.total || a.merchant.localeCompare(b.merchant));
}
