// Jobs under database leases: two instances on one libSQL file run a due job once; a crashed holder's lease expires.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { createScheduler, type Job } from '../../server/jobs/scheduler.ts';
import { releaseLease, takeLease } from '../../server/queries/job-leases.ts';

const DAY = 86_400_000;
let dir: string;
let first: Db;
let second: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-jobs-'));
  const url = `file:${join(dir, 'seatwise.db')}`;
  first = await openDatabase({ url });
  // A second client on the same file is a second server instance: its own connections, the same database.
  second = await openDatabase({ url });
});
afterEach(() => {
  first.$client.close();
  second.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A job that records each run in the database, so runs by either instance are counted in one place. */
const countingJob = (name: string, everyMs = DAY): Job & { runs: string[] } => {
  const runs: string[] = [];
  return {
    name,
    everyMs,
    runs,
    run: async () => {
      runs.push(name);
    },
  };
};

describe('two instances on one database', () => {
  it('run a due job exactly once, however often both tick at the same time', async () => {
    const clock = { now: new Date('2026-11-20T06:00:00Z') };
    const jobA = countingJob('alerts.evaluate');
    const jobB = countingJob('alerts.evaluate');
    const a = createScheduler({ db: first, jobs: [jobA], now: () => clock.now });
    const b = createScheduler({ db: second, jobs: [jobB], now: () => clock.now });
    for (let round = 0; round < 5; round += 1) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(jobA.runs.length + jobB.runs.length).toBe(1);

    clock.now = new Date(clock.now.getTime() + DAY);
    for (let round = 0; round < 5; round += 1) await Promise.all([a.tick(), b.tick()]);
    expect(jobA.runs.length + jobB.runs.length).toBe(2);
    const lease = await first.$client.execute("select runs, holder from job_leases where name = 'alerts.evaluate'");
    expect(lease.rows[0]).toMatchObject({ runs: 2, holder: null });
  });

  it('a requested run happens at the next tick even when the job is not due', async () => {
    const clock = { now: new Date('2026-11-20T06:00:00Z') };
    const job = countingJob('alerts.evaluate');
    const a = createScheduler({ db: first, jobs: [job], now: () => clock.now });
    await a.tick();
    await a.tick();
    expect(job.runs).toHaveLength(1);
    a.request('alerts.evaluate');
    await a.tick();
    expect(job.runs).toHaveLength(2);
  });

  it('keeps a request while another instance holds the lease, and runs it afterwards', async () => {
    const clock = { now: new Date('2026-11-20T06:00:00Z') };
    const job = countingJob('alerts.evaluate');
    const a = createScheduler({ db: first, jobs: [job], now: () => clock.now });
    await a.tick();
    expect(await takeLease(second, 'alerts.evaluate', 'other-instance', clock.now.getTime(), 60_000)).toBe(true);
    a.request('alerts.evaluate');
    await a.tick();
    expect(job.runs).toHaveLength(1);
    await releaseLease(second, 'alerts.evaluate', 'other-instance', null);
    await a.tick();
    expect(job.runs).toHaveLength(2);
  });

  it("waits out a crashed holder's lease, then runs", async () => {
    const clock = { now: new Date('2026-11-20T06:00:00Z') };
    expect(await takeLease(first, 'alerts.evaluate', 'crashed-instance', clock.now.getTime(), 60_000)).toBe(true);
    const job = countingJob('alerts.evaluate');
    const b = createScheduler({ db: second, jobs: [job], now: () => clock.now, leaseMs: 60_000 });
    await b.tick();
    expect(job.runs).toHaveLength(0);
    clock.now = new Date(clock.now.getTime() + 60_001);
    await b.tick();
    expect(job.runs).toHaveLength(1);
  });

  it('a failing job is reported, releases its lease, and is tried again at the next tick', async () => {
    const errors: string[] = [];
    let fail = true;
    const job: Job = {
      name: 'deliveries.send',
      everyMs: 0,
      run: async () => {
        if (fail) throw new Error('receiver down');
      },
    };
    const a = createScheduler({
      db: first,
      jobs: [job],
      onError: (name, error) => errors.push(`${name}: ${(error as Error).message}`),
    });
    expect(await a.tick()).toEqual([]);
    expect(errors).toEqual(['deliveries.send: receiver down']);
    fail = false;
    expect(await a.tick()).toEqual(['deliveries.send']);
  });
});
