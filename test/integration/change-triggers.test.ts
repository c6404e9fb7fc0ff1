// The alert rules run soon after a write that changes what they look at: each service says what it changed,
// a real scheduler on the same database runs the requested job at its next tick, and reads, rejected writes and dry
// runs ask for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, type Scheduler } from '../../server/jobs/scheduler.ts';
import { ALERTS_JOB } from '../../server/jobs/server-jobs.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const DAY = 86_400_000;
const SLACK = {
  appId: 'slack',
  plan: 'Business+',
  metric: 'named_user',
  seats: 10,
  unitCost: 1500,
  currency: 'USD',
  billingPeriod: 'monthly',
};

let server: TestServer;
let scheduler: Scheduler;
let admin: { cookie: string };
const runs: string[] = [];

beforeAll(async () => {
  const late: { scheduler?: Scheduler } = {};
  server = await createTestServer({ jobs: { request: (job) => late.scheduler?.request(job) } });
  scheduler = createScheduler({
    db: server.db,
    now: () => server.clock.now,
    jobs: [{ name: ALERTS_JOB, everyMs: DAY, run: async () => void runs.push(ALERTS_JOB) }],
  });
  late.scheduler = scheduler;
  admin = await server.login();
  await scheduler.tick(); // the first run is due anyway; what follows is only what changes ask for
  runs.length = 0;
});
afterAll(async () => {
  await scheduler.stop();
  await server.close();
});

/** The jobs the next tick runs: only requested ones, since the daily run has just happened. */
async function nextTick(): Promise<string[]> {
  runs.length = 0;
  await scheduler.tick();
  return [...runs];
}

const csv = (path: string, body: string) =>
  server.app.request(path, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, body });

describe('writes that change what the alert rules read ask for an evaluation', () => {
  let subscriptionId: number;

  it('a subscription created, changed and deleted', async () => {
    const created = await server.call('POST', '/api/v1/subscriptions', SLACK, admin);
    expect(created.status).toBe(201);
    subscriptionId = created.json.id;
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    expect((await server.call('PATCH', `/api/v1/subscriptions/${subscriptionId}`, { seats: 12 }, admin)).status).toBe(
      200,
    );
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    const other = await server.call('POST', '/api/v1/subscriptions', { ...SLACK, plan: 'Pro' }, admin);
    await nextTick();
    expect((await server.call('DELETE', `/api/v1/subscriptions/${other.json.id}`, undefined, admin)).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);
  });

  it('a seat added, removed, and a seat import that is not a dry run', async () => {
    const seats = `/api/v1/subscriptions/${subscriptionId}/seats`;
    const added = await server.call('POST', seats, { email: 'ada@example.com' }, admin);
    expect(added.status).toBe(201);
    expect(await nextTick()).toEqual([ALERTS_JOB]);
    expect((await server.call('DELETE', `${seats}/${added.json.id}`, undefined, admin)).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    expect((await csv(`${seats}/import?dryRun=true`, 'Email\nbob@example.com\n')).status).toBe(200);
    expect(await nextTick()).toEqual([]);
    expect((await csv(`${seats}/import`, 'Email\nbob@example.com\n')).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);
  });

  it('a contract register imported, not as a dry run', async () => {
    const register = 'Supplier,Plan,Qty,Unit Price,Currency,PO Number\n"Figma, Inc.",Organization,5,540.00,USD,PO-7\n';
    expect((await csv('/api/v1/subscriptions/import?dryRun=true', register)).status).toBe(200);
    expect(await nextTick()).toEqual([]);
    expect((await csv('/api/v1/subscriptions/import', register)).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);
    // The same register again changes nothing, so asks for nothing.
    expect((await csv('/api/v1/subscriptions/import', register)).status).toBe(200);
    expect(await nextTick()).toEqual([]);
  });

  it('people imported, a person erased, an app added and changed, the alert settings changed', async () => {
    expect((await csv('/api/v1/people/import?dryRun=true', 'Email,Name\ncy@example.com,Cy\n')).status).toBe(200);
    expect(await nextTick()).toEqual([]);
    expect((await csv('/api/v1/people/import', 'Email,Name\ncy@example.com,Cy\n')).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    const people = await server.call('GET', '/api/v1/people', undefined, admin);
    const cy = people.json.people.find((p: { email: string }) => p.email === 'cy@example.com');
    expect((await server.call('DELETE', `/api/v1/people/${cy.id}/usage`, undefined, admin)).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    const app = await server.call(
      'POST',
      '/api/v1/apps',
      { name: 'Figjam Internal', domains: ['figjam.example'] },
      admin,
    );
    expect(app.status).toBe(201);
    expect(await nextTick()).toEqual([ALERTS_JOB]);
    expect((await server.call('PATCH', `/api/v1/apps/${app.json.id}`, { name: 'Figjam' }, admin)).status).toBe(200);
    expect(await nextTick()).toEqual([ALERTS_JOB]);

    expect((await server.call('PATCH', '/api/v1/settings/alerts', { reclaimResponseDays: 21 }, admin)).status).toBe(
      200,
    );
    expect(await nextTick()).toEqual([ALERTS_JOB]);
  });
});

describe('nothing is asked for', () => {
  it('by reads', async () => {
    for (const path of ['/api/v1/subscriptions', '/api/v1/people', '/api/v1/apps', '/api/v1/settings/alerts'])
      expect((await server.call('GET', path, undefined, admin)).status).toBe(200);
    expect(await nextTick()).toEqual([]);
  });

  it('by rejected writes, which stored nothing', async () => {
    expect((await server.call('POST', '/api/v1/subscriptions', { ...SLACK, seats: -1 }, admin)).status).toBe(400);
    expect((await server.call('PATCH', '/api/v1/subscriptions/9999', { seats: 3 }, admin)).status).toBe(404);
    expect((await server.call('PATCH', '/api/v1/settings/alerts', { emailRecipients: ['nope'] }, admin)).status).toBe(
      400,
    );
    const it = await server.signedInAs('it');
    expect((await server.call('POST', '/api/v1/subscriptions', SLACK, it)).status).toBe(403);
    expect(await nextTick()).toEqual([]);
  });
});
