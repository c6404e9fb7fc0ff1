// Job leases in the database, so several Seatwise instances on one database run each job once: the instance that
// takes a job's lease runs it; a crashed holder's lease expires and another instance takes over.
import type { Db } from '../db/client.ts';

/** Takes the job's lease for `ttlMs` if it is free, expired, or already ours; true when we hold it. */
export async function takeLease(db: Db, job: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  const result = await db.$client.execute({
    sql: `insert into job_leases (name, holder, expires_at) values (?, ?, ?)
          on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where job_leases.holder is null or job_leases.holder = excluded.holder or job_leases.expires_at <= ?
          returning holder`,
    args: [job, holder, now + ttlMs, now],
  });
  return result.rows.length === 1 && result.rows[0]!.holder === holder;
}

/** Gives the lease back (only if we still hold it), noting the run when the job ran. */
export async function releaseLease(db: Db, job: string, holder: string, ran: { at: number } | null): Promise<void> {
  await db.$client.execute({
    sql: ran
      ? 'update job_leases set holder = null, expires_at = 0, last_run_at = ?, last_run_by = ?, runs = runs + 1 where name = ? and holder = ?'
      : 'update job_leases set holder = null, expires_at = 0 where name = ? and holder = ?',
    args: ran ? [ran.at, holder, job, holder] : [job, holder],
  });
}

export async function lastRunAt(db: Db, job: string): Promise<number | null> {
  const result = await db.$client.execute({ sql: 'select last_run_at from job_leases where name = ?', args: [job] });
  const value = result.rows[0]?.last_run_at;
  return value === undefined || value === null ? null : Number(value);
}
