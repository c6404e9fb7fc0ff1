// Runs the server's jobs on a timer, each when it is due, under a database lease so that with several instances
// on one database exactly one runs it. A job can also be asked to run soon (after a change that matters to it).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { lastRunAt, releaseLease, takeLease } from '../queries/job-leases.ts';
import { logError } from '../safe-log.ts';

export type Job = {
  name: string;
  /** Run when the last run is at least this old. */
  everyMs: number;
  run: (now: Date) => Promise<void>;
};

export type SchedulerOptions = {
  db: Db;
  jobs: Job[];
  now?: () => Date;
  /** How often to look for due jobs. */
  tickMs?: number;
  /** How long a lease lasts; a job that runs longer must be quicker or take a longer lease. */
  leaseMs?: number;
  /** Errors of a job run: logged by default, never thrown into the timer. */
  onError?: (job: string, error: unknown) => void;
};

export type Scheduler = {
  holder: string;
  /** Runs every job that is due (or requested) once, now; what the timer calls. */
  tick: () => Promise<string[]>;
  /** Makes the job due at the next tick, whatever its last run. */
  request: (job: string) => void;
  start: () => void;
  stop: () => Promise<void>;
};

export function createScheduler({
  db,
  jobs,
  now = () => new Date(),
  tickMs = 30_000,
  leaseMs = 10 * 60_000,
  onError,
}: SchedulerOptions): Scheduler {
  const holder = `${process.pid}-${randomUUID()}`;
  const requested = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string[]> | null = null;
  const report = onError ?? ((job, error) => logError(`job ${job} failed`, error));

  async function runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of jobs) {
      // Requests that arrived meanwhile are served between jobs: each look at a job is SQL on the event loop, and
      // a pass over every job in one go held it for 100 ms at a start.
      await new Promise((next) => setImmediate(next));
      const at = now().getTime();
      const wanted = requested.delete(job.name);
      const last = await lastRunAt(db, job.name);
      if (!wanted && last !== null && at - last < job.everyMs) continue;
      if (!(await takeLease(db, job.name, holder, at, leaseMs))) {
        // Another instance is running it; a request made here still wants a run after that one.
        if (wanted) requested.add(job.name);
        continue;
      }
      let done = false;
      try {
        // Another instance may have run it between our look and our lease.
        const lastNow = await lastRunAt(db, job.name);
        if (wanted || lastNow === null || at - lastNow >= job.everyMs) {
          await job.run(new Date(at));
          done = true;
          ran.push(job.name);
        }
      } catch (error) {
        report(job.name, error);
      } finally {
        await releaseLease(db, job.name, holder, done ? { at } : null);
      }
    }
    return ran;
  }

  const tick = () => {
    // One pass at a time in this instance; a tick during a pass waits for it.
    running ??= runDue().finally(() => (running = null));
    return running;
  };

  return {
    holder,
    tick,
    request: (job) => requested.add(job),
    start: () => {
      timer ??= setInterval(() => void tick().catch((error: unknown) => report('scheduler', error)), tickMs);
      timer.unref();
      void tick().catch((error: unknown) => report('scheduler', error));
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
