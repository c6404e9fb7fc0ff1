// Savings: realised (seats revoked through reclaims) against potential (reclaimable now), and a daily history.
import type { Savings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { realisedSavings, saveSavingsSnapshot, savingsHistory } from '../queries/savings.ts';
import { readReconciliation } from './reconciliation.ts';

export async function savings(db: Db, today: string): Promise<Savings> {
  const [report, realised, history] = await Promise.all([
    readReconciliation(db, today),
    realisedSavings(db),
    savingsHistory(db),
  ]);
  const byCurrency: Savings['byCurrency'] = {};
  for (const [currency, totals] of Object.entries(report.totals.byCurrency))
    byCurrency[currency] = { realised: realised.get(currency) ?? 0, potential: totals.reclaimableAnnualCost };
  for (const [currency, saved] of realised) byCurrency[currency] ??= { realised: saved, potential: 0 };
  return { byCurrency, history };
}

/** Today's point of the history, written by the daily job (a second run the same day replaces it). */
export async function snapshotSavings(db: Db, today: string): Promise<void> {
  await saveSavingsSnapshot(db, today, (await savings(db, today)).byCurrency);
}
