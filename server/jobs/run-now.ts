// Runs a job right away for an API call, under the same lease the scheduler uses, so it never overlaps a scheduled run.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { conflict } from '../errors.ts';
import { releaseLease, takeLease } from './lease.ts';

const LEASE_MS = 10 * 60_000;

export async function runJobNow<T>(db: Db, job: string, now: Date, run: () => Promise<T>): Promise<T> {
  const holder = `api-${randomUUID()}`;
  if (!(await takeLease(db, job, holder, now.getTime(), LEASE_MS)))
    throw conflict('job_running', `The ${job} job is running right now; try again in a moment.`);
  let ran = false;
  try {
    const result = await run();
    ran = true;
    return result;
  } finally {
    await releaseLease(db, job, holder, ran ? { at: now.getTime() } : null);
  }
}
