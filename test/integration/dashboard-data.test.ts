// What the dashboard reads besides reconciliation: activity per day, coverage, settings defaults, a person's seats,
// and erasing a person's usage on request. Real HTTP on a libSQL file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY } from '../../server/contract.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

const upload = (token: string, records: { appId: string; day: string; activeSeconds: number }[]) =>
  server.call(
    'POST',
    '/api/v1/devices/usage',
    { records: records.map((r) => ({ ...r, visits: 1, lastActiveAt: null })) },
    { bearer: token },
  );

describe('GET /usage/daily', () => {
  it('counts distinct people per day on one app or any, every day of the range, from the rollups', async () => {
    const ada = await server.enrollDevice('ada@example.com', admin);
    const adaLaptop = await server.enrollDevice('ada@example.com', admin);
    const grace = await server.enrollDevice('grace@example.com', admin);
    await upload(ada.deviceToken, [
      { appId: 'slack', day: '2026-11-18', activeSeconds: 100 },
      { appId: 'zoom', day: '2026-11-18', activeSeconds: 50 },
    ]);
    await upload(adaLaptop.deviceToken, [{ appId: 'slack', day: '2026-11-18', activeSeconds: 30 }]);
    await upload(grace.deviceToken, [
      { appId: 'slack', day: '2026-11-20', activeSeconds: 70 },
      { appId: 'zoom', day: '2026-11-19', activeSeconds: 0 },
    ]);

    const slack = await server.call(
      'GET',
      '/api/v1/usage/daily?appId=slack&from=2026-11-17&to=2026-11-20',
      undefined,
      admin,
    );
    expect(slack.json).toEqual([
      { day: '2026-11-17', activeUsers: 0, activeSeconds: 0 },
      { day: '2026-11-18', activeUsers: 1, activeSeconds: 130 },
      { day: '2026-11-19', activeUsers: 0, activeSeconds: 0 },
      { day: '2026-11-20', activeUsers: 1, activeSeconds: 70 },
    ]);
    const any = await server.call('GET', '/api/v1/usage/daily?from=2026-11-18&to=2026-11-18', undefined, admin);
    expect(any.json).toEqual([{ day: '2026-11-18', activeUsers: 1, activeSeconds: 180 }]);
    const byDefault = await server.call('GET', '/api/v1/usage/daily', undefined, admin);
    expect(byDefault.json).toHaveLength(30);
    expect(byDefault.json.at(-1)).toEqual({ day: '2026-11-20', activeUsers: 1, activeSeconds: 70 });
  });

  it.each(['?from=2026-11-21&to=2026-11-20', '?from=2025-01-01&to=2026-11-20', '?appId=Not An App', '?to=2026-02-30'])(
    'rejects %s',
    async (query) => {
      expect((await server.call('GET', `/api/v1/usage/daily${query}`, undefined, admin)).status).toBe(400);
    },
  );
});

describe('GET /coverage', () => {
  it('counts active people with a live device and with an upload in the last 7 days, per department', async () => {
    await server.app.request('/api/v1/people/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: [
        'email,department,status',
        'ada@example.com,Engineering,Active',
        'grace@example.com,Engineering,Active',
        'alan@example.com,Sales,Active',
        'left@example.com,Sales,Terminated',
        'nodept@example.com,,Active',
        '',
      ].join('\n'),
    });
    const ada = await server.enrollDevice('ada@example.com', admin);
    await upload(ada.deviceToken, []);
    const grace = await server.enrollDevice('grace@example.com', admin);
    server.clock.now = new Date('2026-11-10T12:00:00Z');
    await upload(grace.deviceToken, []);
    server.clock.now = new Date('2026-11-20T12:00:00Z');
    const alan = await server.enrollDevice('alan@example.com', admin);
    await server.call('DELETE', `/api/v1/devices/${alan.deviceId}`, undefined, admin);
    await server.enrollDevice('left@example.com', admin);

    // Exact per department only with a minimum group of 1 (privacy settings); the default 5 is in works-council-mode.
    await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, minGroupSize: 1 });
    const { json } = await server.call('GET', '/api/v1/coverage', undefined, await server.signedInAs('viewer'));
    const shown = { suppressed: false, fewerThan: null };
    expect(json).toEqual({
      people: 4,
      withDevice: 2,
      reportingLast7Days: 1,
      byDepartment: [
        { department: 'Engineering', people: 2, reporting: 1, ...shown },
        { department: null, people: 1, reporting: 0, ...shown },
        { department: 'Sales', people: 1, reporting: 0, ...shown },
      ],
    });
    // With the default, two people of Engineering are "fewer than 5": no department is counted exactly here.
    await savePrivacySettings(server.db, DEFAULT_PRIVACY);
    const suppressed = (await server.call('GET', '/api/v1/coverage', undefined, admin)).json;
    expect(suppressed.people).toBe(4);
    expect(suppressed.byDepartment).toEqual([
      { department: 'Engineering', people: null, reporting: null, suppressed: true, fewerThan: 5 },
      { department: null, people: null, reporting: null, suppressed: true, fewerThan: 5 },
      { department: 'Sales', people: null, reporting: null, suppressed: true, fewerThan: 5 },
    ]);
  });
});

describe('settings', () => {
  const defaultsForNewSubscriptions =
    'gives new subscriptions the defaults an admin set, unless the body says otherwise, and audits the change';
  it(defaultsForNewSubscriptions, async () => {
    expect((await server.call('GET', '/api/v1/settings', undefined, admin)).json).toEqual({
      defaults: { activityWindowDays: 30, minActiveMinutes: 1 },
    });
    const patched = await server.call('PATCH', '/api/v1/settings', { defaults: { activityWindowDays: 45 } }, admin);
    expect(patched.json).toEqual({ defaults: { activityWindowDays: 45, minActiveMinutes: 1 } });
    const plain = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 800, currency: 'USD' },
      admin,
    );
    expect(plain.json).toMatchObject({ activityWindowDays: 45, minActiveMinutes: 1 });
    const explicit = await server.call(
      'POST',
      '/api/v1/subscriptions',
      {
        appId: 'zoom',
        plan: 'Pro',
        metric: 'named_user',
        seats: 5,
        unitCost: 800,
        currency: 'USD',
        activityWindowDays: 7,
        minActiveMinutes: 0,
      },
      admin,
    );
    expect(explicit.json).toMatchObject({ activityWindowDays: 7, minActiveMinutes: 0 });
    const audit = await server.call('GET', '/api/v1/audit?action=settings.update', undefined, admin);
    expect(audit.json.entries[0]).toMatchObject({
      before: { activityWindowDays: 30 },
      after: { activityWindowDays: 45 },
    });
  });

  it.each([
    { defaults: { activityWindowDays: 0 } },
    { defaults: { minActiveMinutes: 1441 } },
    { defaults: { colour: 'red' } },
    {},
  ])('rejects %j and keeps what was stored', async (body) => {
    expect((await server.call('PATCH', '/api/v1/settings', body, admin)).status).toBe(400);
    expect((await server.call('GET', '/api/v1/settings', undefined, admin)).json.defaults.activityWindowDays).toBe(30);
  });
});

describe("a person's seats and erasing their usage", () => {
  async function personId(email: string) {
    return (await server.call('GET', `/api/v1/people?search=${encodeURIComponent(email)}`, undefined, admin)).json
      .people[0].id as number;
  }

  it('lists the seats a person holds over all subscriptions', async () => {
    const { json: sub } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 800, currency: 'USD' },
      admin,
    );
    await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'ada@example.com', assignedAt: '2026-02-01' },
      admin,
    );
    const { json } = await server.call(
      'GET',
      `/api/v1/people/${await personId('ada@example.com')}/seats`,
      undefined,
      admin,
    );
    expect(json).toEqual([
      {
        seatId: expect.any(Number),
        subscriptionId: sub.id,
        appId: 'slack',
        appName: 'Slack',
        plan: 'Pro',
        assignedAt: '2026-02-01',
        source: 'manual',
        vendorLastActiveAt: null,
      },
    ]);
    expect((await server.call('GET', '/api/v1/people/999999/seats', undefined, admin)).status).toBe(404);
  });

  it('erases every trace of use of one person, leaves others and keeps the person, device and seat', async () => {
    const { json: sub } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 800, currency: 'USD' },
      admin,
    );
    await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'ada@example.com', assignedAt: '2026-01-01' },
      admin,
    );
    const ada = await server.enrollDevice('ada@example.com', admin);
    const grace = await server.enrollDevice('grace@example.com', admin);
    await upload(ada.deviceToken, [
      { appId: 'slack', day: '2026-11-18', activeSeconds: 600 },
      { appId: 'zoom', day: '2026-11-19', activeSeconds: 300 },
    ]);
    await upload(grace.deviceToken, [{ appId: 'slack', day: '2026-11-18', activeSeconds: 900 }]);
    const id = await personId('ada@example.com');
    const before = await server.call('GET', `/api/v1/subscriptions/${sub.id}/reconciliation`, undefined, admin);
    expect(before.json.holders[0].status).toBe('active');

    expect(
      (await server.call('DELETE', `/api/v1/people/${id}/usage`, undefined, await server.signedInAs('it'))).status,
    ).toBe(403);
    const erased = await server.call('DELETE', `/api/v1/people/${id}/usage`, undefined, admin);
    expect(erased.json).toEqual({ erasedDays: 2 });

    const left = async (table: string) =>
      Number(
        (await server.db.$client.execute({ sql: `select count(*) as n from ${table} where person_id = ?`, args: [id] }))
          .rows[0]!.n,
      );
    for (const table of ['person_usage_daily', 'person_app_usage', 'person_days'])
      expect(await left(table), table).toBe(0);
    expect((await server.call('GET', '/api/v1/usage?email=ada@example.com', undefined, admin)).json).toEqual([]);
    expect((await server.call('GET', '/api/v1/usage?email=grace@example.com', undefined, admin)).json).toHaveLength(1);
    const after = await server.call('GET', `/api/v1/subscriptions/${sub.id}/reconciliation`, undefined, admin);
    expect(after.json.holders[0]).toMatchObject({ email: 'ada@example.com', status: 'unmonitored' });
    expect((await server.call('GET', `/api/v1/people/${id}`, undefined, admin)).json).toMatchObject({
      devices: 1,
      seats: 1,
    });
    const audit = await server.call('GET', '/api/v1/audit?action=person.usage_erase', undefined, admin);
    expect(audit.json.entries[0]).toMatchObject({
      subjectId: String(id),
      after: { email: 'ada@example.com', erasedDays: 2 },
    });
    expect((await server.call('DELETE', '/api/v1/people/999999/usage', undefined, admin)).status).toBe(404);
  });
});
