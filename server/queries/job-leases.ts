// Job leases in the database, so several Seatwise instances on one database run each job once: the instance that
// takes a job's lease runs it; a crashed holder's lease expires and another instance takes over. Taken and given back
// on the write thread, so a lease never stops the event loop while the usage writes hold the lock.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobLeases } from '../db/schema.ts';
import { statementOf, writeOneOffThread } from './statements.ts';

/** Takes the job's lease for `ttlMs` if it is free, expired, or already ours; true when we hold it. */
export async function takeLease(db: Db, job: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  const query = db
    .insert(jobLeases)
    .values({ name: job, holder, expiresAt: now + ttlMs })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
      setWhere: or(isNull(jobLeases.holder), eq(jobLeases.holder, sql`excluded.holder`), lte(jobLeases.expiresAt, now)),
    })
    .returning({ holder: jobLeases.holder });
  const taken = await writeOneOffThread(db, statementOf(query));
  return taken.length === 1 && taken[0]!.holder === holder;
}

/** Gives the lease back (only if we still hold it), noting the run when the job ran. */
export async function releaseLease(db: Db, job: string, holder: string, ran: { at: number } | null): Promise<void> {
  const released = { holder: null, expiresAt: 0 };
  const query = db
    .update(jobLeases)
    .set(ran ? { ...released, lastRunAt: ran.at, lastRunBy: holder, runs: sql`${jobLeases.runs} + 1` } : released)
    .where(and(eq(jobLeases.name, job), eq(jobLeases.holder, holder)));
  await writeOneOffThread(db, statementOf(query));
}

export async function lastRunAt(db: Db, job: string): Promise<number | null> {
  const [row] = await db.select({ lastRunAt: jobLeases.lastRunAt }).from(jobLeases).where(eq(jobLeases.name, job));
  return row?.lastRunAt ?? null;
}
