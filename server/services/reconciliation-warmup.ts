// Keeps the reconciliation of the days people are about to read built in this process: at start, and again every
// few minutes, so the first read of a new day (at midnight UTC) refreshes an index built before instead of building
// one while a person waits. Each instance keeps its own, so this is a timer per process, not a leased job.
import type { Db } from '../db/client.ts';
import { daysKeptReady } from '../domain/days.ts';
import { readReconciliation } from './reconciliation.ts';

/** Tomorrow's figures are built from this long before midnight UTC. */
export const BUILD_TOMORROW_AHEAD_MS = 20 * 60_000;
export const WARM_EVERY_MS = 5 * 60_000;

export async function warmReconciliation(db: Db, now: Date): Promise<void> {
  for (const day of daysKeptReady(now, BUILD_TOMORROW_AHEAD_MS)) await readReconciliation(db, day);
}

/** Warms now and every WARM_EVERY_MS until stopped; a failure is reported and the next round tries again. */
export function keepReconciliationWarm(db: Db, now: () => Date, onError: (error: unknown) => void): () => void {
  const warm = () => void warmReconciliation(db, now()).catch(onError);
  warm();
  const timer = setInterval(warm, WARM_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
