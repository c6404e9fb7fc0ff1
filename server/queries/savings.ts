// Savings data: what revoked reclaims realised per currency, and the daily history of potential against realised.
import { asc, eq, sql, sum } from 'drizzle-orm';
import type { Savings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { reclaims, savingsSnapshots } from '../db/schema.ts';

/** Realised savings (revoked reclaims' annual savings) per currency. */
export async function realisedSavings(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ currency: reclaims.currency, saved: sum(reclaims.annualSaving).mapWith(Number) })
    .from(reclaims)
    .where(eq(reclaims.state, 'revoked'))
    .groupBy(reclaims.currency);
  return new Map(rows.map((row) => [row.currency, row.saved]));
}

export function savingsHistory(db: Db): Promise<Savings['history']> {
  return db
    .select({
      day: savingsSnapshots.day,
      currency: savingsSnapshots.currency,
      potential: savingsSnapshots.potential,
      realised: savingsSnapshots.realised,
    })
    .from(savingsSnapshots)
    .orderBy(asc(savingsSnapshots.day), asc(savingsSnapshots.currency));
}

/** One day's point per currency; a second save the same day replaces it. */
export async function saveSavingsSnapshot(db: Db, day: string, byCurrency: Savings['byCurrency']): Promise<void> {
  const points = Object.entries(byCurrency).map(([currency, s]) => ({ day, currency, ...s }));
  if (points.length === 0) return;
  await db
    .insert(savingsSnapshots)
    .values(points)
    .onConflictDoUpdate({
      target: [savingsSnapshots.day, savingsSnapshots.currency],
      set: { potential: sql`excluded.potential`, realised: sql`excluded.realised` },
    });
}
