// The retention job on a libSQL file: it deletes exactly the usage, day and rollup rows before the cut-off and
// nothing else, the rollups kept still equal the sums of the rows kept, the cached reconciliation equals a fresh
// one, a second run deletes nothing, the audit holds counts only, the lease keeps a second run out, and a new
// retention period is run at the scheduler's next tick (its clock driven by the test, no sleeping).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { RETENTION_JOB } from '../../server/jobs/job-names.ts';
import { createScheduler, type Scheduler } from '../../server/jobs/scheduler.ts';
import { serverJobs } from '../../server/jobs/server-jobs.ts';
import { releaseLease, takeLease } from '../../server/queries/job-leases.ts';
import { readReconciliation } from '../../server/services/reconciliation.ts';
import { applyUsageRetention } from '../../server/services/usage-retention.ts';
import { buildLargeCompany } from '../bench/large-company.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const AS_OF = '2026-11-20';
const PEOPLE = 60;
const DAYS = 200;
/** today - 120 days: the first day kept. */
const CUTOFF = '2026-07-23';
const DAY_TABLES = ['usage_daily', 'device_days', 'person_usage_daily', 'person_days'] as const;

let dir: string;
let server: TestServer;
let scheduler: Scheduler;
let admin: { cookie: string };
const ran: string[][] = [];
const oldRows: Record<string, number> = {};

const count = async (db: Db, query: string) => Number((await db.$client.execute(query)).rows[0]!.n);
const tick = async () => {
  const names = await scheduler.tick();
  ran.push(names);
  return names;
};

/** Every holder's status and every row, as plain data. */
async function report(db: Db) {
  const read = await readReconciliation(db, AS_OF);
  return {
    totals: read.totals,
    rows: read.subscriptions.map(({ terms: _terms, ...row }) => row),
    holders: [...read.holders].sort(([a], [b]) => a - b),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-retention-'));
  const company = await buildLargeCompany(dir, PEOPLE, AS_OF, DAYS);
  company.db.$client.close();
  const late: { scheduler?: Scheduler } = {};
  server = await createTestServer({
    dbPath: join(dir, `company-${PEOPLE}.db`),
    now: new Date(`${AS_OF}T12:00:00Z`),
    jobs: { request: (job) => late.scheduler?.request(job) },
  });
  scheduler = createScheduler({
    db: server.db,
    now: () => server.clock.now,
    jobs: serverJobs(server.db, null).filter((job) => job.name === RETENTION_JOB),
  });
  late.scheduler = scheduler;
  admin = await server.login();
}, 120_000);

afterAll(async () => {
  await scheduler?.stop();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('usage.retention', () => {
  it('the first daily run under the default 400 days deletes nothing; the next tick runs nothing', async () => {
    const before = await count(server.db, 'select count(*) as n from usage_daily');
    expect(await tick()).toEqual([RETENTION_JOB]);
    expect(await count(server.db, 'select count(*) as n from usage_daily')).toBe(before);
    expect(await tick()).toEqual([]);
    // Warm the cached usage index, so the check after the deletes is of a cache brought up to date.
    await report(server.db);
  });

  it('a new period asks for a run at the next tick; while another instance holds the lease it waits', async () => {
    for (const table of DAY_TABLES)
      oldRows[table] = await count(server.db, `select count(*) as n from ${table} where day < '${CUTOFF}'`);
    oldRows.person_app_usage = await count(
      server.db,
      `select count(*) as n from person_app_usage where last_day < '${CUTOFF}'`,
    );
    for (const table of ['usage_daily', 'device_days', 'person_days'])
      await server.db.$client.execute(
        `create temp table kept_${table} as select * from ${table} where day >= '${CUTOFF}'`,
      );
    expect(oldRows.usage_daily).toBeGreaterThan(1000);

    const now = server.clock.now.getTime();
    expect(await takeLease(server.db, RETENTION_JOB, 'other-instance', now, 60_000)).toBe(true);
    const patched = await server.call('PATCH', '/api/v1/settings/privacy', { usageRetentionDays: 120 }, admin);
    expect(patched.status).toBe(200);
    expect(await tick()).toEqual([]);
    expect(await count(server.db, `select count(*) as n from usage_daily where day < '${CUTOFF}'`)).toBe(
      oldRows.usage_daily,
    );
    await releaseLease(server.db, RETENTION_JOB, 'other-instance', null);
    expect(await tick()).toEqual([RETENTION_JOB]);
  }, 120_000);

  it('deleted exactly the rows before the cut-off in every table and kept every other row as it was', async () => {
    for (const table of DAY_TABLES)
      expect(await count(server.db, `select count(*) as n from ${table} where day < '${CUTOFF}'`), table).toBe(0);
    expect(await count(server.db, `select count(*) as n from person_app_usage where first_day < '${CUTOFF}'`)).toBe(0);
    for (const table of ['usage_daily', 'device_days', 'person_days']) {
      const differ = `select count(*) as n from (select * from ${table} except select * from kept_${table}
        union all select * from kept_${table} except select * from ${table})`;
      expect(await count(server.db, differ), table).toBe(0);
    }
  });

  it('the rollups kept equal the sums of the usage rows kept', async () => {
    const expectedDaily = `select d.person_id, u.app_id, u.day, sum(u.active_seconds), sum(u.visits),
        sum(sum(u.active_seconds)) over (partition by d.person_id, u.app_id order by u.day rows unbounded preceding)
      from usage_daily u join devices d on d.id = u.device_id group by d.person_id, u.app_id, u.day`;
    const storedDaily =
      'select person_id, app_id, day, active_seconds, visits, cumulative_seconds from person_usage_daily';
    const expectedPairs = `select person_id, app_id, min(day), max(day), sum(active_seconds)
      from person_usage_daily where active_seconds > 0 group by person_id, app_id`;
    const storedPairs = 'select person_id, app_id, first_day, last_day, total_seconds from person_app_usage';
    for (const [expected, stored] of [
      [expectedDaily, storedDaily],
      [expectedPairs, storedPairs],
    ]) {
      const differ = `select count(*) as n from (select * from (${expected}) except select * from (${stored})
        union all select * from (${stored}) except select * from (${expected}))`;
      expect(await count(server.db, differ)).toBe(0);
    }
    expect(await count(server.db, 'select count(*) as n from person_app_usage')).toBeGreaterThan(0);
  });

  it('the cached reconciliation equals one read from scratch by a new instance', async () => {
    const fresh = await openDatabase({ url: `file:${server.dbPath}` });
    try {
      expect(await report(server.db)).toEqual(await report(fresh));
    } finally {
      fresh.$client.close();
    }
  });

  it('the run is audited with the cut-off and counts only; a second run deletes nothing', async () => {
    const { json } = await server.call('GET', '/api/v1/audit?action=usage.retention', undefined, admin);
    expect(json.entries).toHaveLength(2);
    const [latest] = json.entries;
    expect(latest.actor).toBe('system');
    expect(latest.after).toEqual({
      cutoff: CUTOFF,
      retentionDays: 120,
      deleted: oldRows,
      trimmedFirstDays: expect.any(Number),
    });
    expect(latest.after.trimmedFirstDays).toBeGreaterThan(0);
    expect(JSON.stringify(latest)).not.toMatch(/@|dev-/);

    const again = await applyUsageRetention(server.db, server.clock.now);
    expect(Object.values(again.deleted)).toEqual([0, 0, 0, 0, 0]);
    expect(again.trimmedFirstDays).toBe(0);
  });

  it('the next day the daily run deletes the one day that fell out', async () => {
    server.clock.now = new Date(server.clock.now.getTime() + 86_400_000);
    const fallingOut = await count(server.db, `select count(*) as n from usage_daily where day = '${CUTOFF}'`);
    expect(await tick()).toEqual([RETENTION_JOB]);
    expect(await count(server.db, `select count(*) as n from usage_daily where day <= '${CUTOFF}'`)).toBe(0);
    const [last] = (
      await server.db.$client.execute(
        "select after from audit_log where action = 'usage.retention' order by id desc limit 1",
      )
    ).rows;
    expect(fallingOut).toBeGreaterThan(0);
    expect(JSON.parse(String(last!.after)).deleted.usage_daily).toBe(fallingOut);
  });
});
