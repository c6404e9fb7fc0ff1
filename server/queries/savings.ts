// Savings: realised (seats revoked through reclaims) against potential (reclaimable now), and a daily history.
import type { Savings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { readReconciliation } from '../services/reconciliation.ts';
import { realisedSavings } from './reclaims.ts';

export async function savings(db: Db, today: string): Promise<Savings> {
  const [report, realised, history] = await Promise.all([
    readReconciliation(db, today),
    realisedSavings(db),
    db.$client.execute('select day, currency, potential, realised from savings_snapshots order by day, currency'),
  ]);
  const byCurrency: Savings['byCurrency'] = {};
  for (const [currency, totals] of Object.entries(report.totals.byCurrency))
    byCurrency[currency] = { realised: realised.get(currency) ?? 0, potential: totals.reclaimableAnnualCost };
  for (const [currency, saved] of realised) byCurrency[currency] ??= { realised: saved, potential: 0 };
  return {
    byCurrency,
    history: history.rows.map((row) => ({
      day: String(row.day),
      currency: String(row.currency),
      potential: Number(row.potential),
      realised: Number(row.realised),
    })),
  };
}

/** Today's point of the history, written by the daily job (a second run the same day replaces it). */
export async function snapshotSavings(db: Db, today: string): Promise<void> {
  const now = await savings(db, today);
  const statements = Object.entries(now.byCurrency).map(([currency, s]) => ({
    sql: `insert into savings_snapshots (day, currency, potential, realised) values (?, ?, ?, ?)
          on conflict (day, currency) do update set potential = excluded.potential, realised = excluded.realised`,
    args: [today, currency, s.potential, s.realised],
  }));
  if (statements.length > 0) await db.$client.batch(statements, 'write');
}
