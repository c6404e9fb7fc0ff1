// Runs a job right away for an API call, under the same lease the scheduler uses, so it never overlaps a scheduled run.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { releaseLease, takeLease } from '../queries/job-leases.ts';

const LEASE_MS = 10 * 60_000;

/** The job's result, or `{ running: true }` when another run holds the lease (the caller decides what that means). */
export async function runJobNow<T>(
  db: Db,
  job: string,
  now: Date,
  run: () => Promise<T>,
): Promise<{ ran: T } | { running: true }> {
  const holder = `api-${randomUUID()}`;
  if (!(await takeLease(db, job, holder, now.getTime(), LEASE_MS))) return { running: true };
  let ran = false;
  try {
    const result = await run();
    ran = true;
    return { ran: result };
  } finally {
    await releaseLease(db, job, holder, ran ? { at: now.getTime() } : null);
  }
}
