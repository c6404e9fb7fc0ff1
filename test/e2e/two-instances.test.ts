// Two real Seatwise server processes on one database file: each scheduled job runs once between them, and the
// outbox job keeps running on whichever instance holds its lease.
import { createClient } from '@libsql/client';
import { afterAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import { signIn } from './support/api-client.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const running: SeatwiseProcess[] = [];
afterAll(async () => {
  // The second instance shares the first one's folder: stop it without deleting, then the first cleans up.
  await running[1]?.stop({ keepData: true });
  await running[0]?.stop();
});

it('runs the daily alerts job once and the outbox job again and again, across two instances', async () => {
  const env = { SEATWISE_JOB_TICK_SECONDS: '1' };
  const first = await startSeatwise(env);
  running.push(first);
  const second = await startSeatwise(env, { dbPath: first.dbPath, port: 0 });
  running.push(second);

  // Something for the rules to find, made through the second instance.
  const api = await signIn(second.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await api.post('/api/v1/subscriptions', {
    appId: 'zoom',
    plan: 'Pro',
    metric: 'named_user',
    seats: 5,
    unitCost: 100_000,
    currency: 'USD',
    renewalDate: '2020-01-01',
    autoRenew: false,
  });

  const db = createClient({ url: `file:${first.dbPath}` });
  try {
    const runs = async (job: string) =>
      Number((await db.execute({ sql: 'select runs from job_leases where name = ?', args: [job] })).rows[0]?.runs ?? 0);
    // Both instances tick every second; wait until the outbox job has run many times between them.
    await waitFor('the outbox job to run ten times', async () => (await runs('deliveries.send')) >= 10, {
      timeoutMs: 60_000,
    });
    // The daily job ran once at the first start, and once more because the new subscription asked for it.
    await waitFor(
      'the alerts job to see the new subscription',
      async () =>
        Number((await db.execute("select count(*) as n from alerts where kind = 'expired'")).rows[0]!.n) === 1,
      { timeoutMs: 30_000 },
    );
    expect(await runs('alerts.evaluate')).toBe(2);
    expect(await runs('reclaims.expire')).toBe(1);
    const live = await db.execute(
      "select kind, subject_id, count(*) as n from alerts where state <> 'resolved' " +
        'group by kind, subject_id having n > 1',
    );
    expect(live.rows).toEqual([]);
  } finally {
    db.close();
  }
});
