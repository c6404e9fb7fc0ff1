// Subscriptions, seats and usage in, reconciliation figures out, over the real app on a libSQL file.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/days.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
beforeEach(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
  admin = await server.login();
});
afterEach(async () => server.close());

const slackPro = {
  appId: 'slack',
  plan: 'Pro',
  metric: 'named_user',
  seats: 5,
  unitCost: 875,
  currency: 'USD',
  billingPeriod: 'monthly',
};

describe('subscriptions and seats', () => {
  it('creates a subscription with defaults and lists it', async () => {
    const created = await server.call('POST', '/api/v1/subscriptions', slackPro, admin);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      ...slackPro,
      activityWindowDays: 30,
      minActiveMinutes: 1,
      noticeDays: 30,
      autoRenew: false,
    });
    const list = await server.call('GET', '/api/v1/subscriptions', undefined, admin);
    expect(list.json.map((s: { id: number }) => s.id)).toEqual([created.json.id]);
  });

  it.each([
    [
      'a site licence with a seat count',
      { ...slackPro, metric: 'site', seats: 10 },
      /seats: a site licence has no seat count/,
    ],
    [
      'a named-user plan without seats',
      { ...slackPro, seats: undefined },
      /seats: a named_user subscription needs a seat count/,
    ],
    ['a cost in major units with cents', { ...slackPro, unitCost: 8.75 }, /unitCost/],
    ['a lower-case currency', { ...slackPro, currency: 'usd' }, /currency: must be an ISO 4217 code/],
    ['an unknown field', { ...slackPro, colour: 'red' }, /colour/],
  ])('rejects %s with a message naming the field, storing nothing', async (_name, body, message) => {
    const response = await server.call('POST', '/api/v1/subscriptions', body, admin);
    expect(response.status).toBe(400);
    expect(response.json.error.message).toMatch(message);
    expect((await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json).toEqual([]);
  });

  it('refuses an app that does not exist', async () => {
    const response = await server.call('POST', '/api/v1/subscriptions', { ...slackPro, appId: 'myspace' }, admin);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('unknown_app');
  });

  it('assigns a seat to a new email (creating the person) and refuses a second seat for them', async () => {
    const { json: sub } = await server.call('POST', '/api/v1/subscriptions', slackPro, admin);
    const seat = await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'Grace@Example.com', assignedAt: '2026-10-01T09:00:00Z' },
      admin,
    );
    expect(seat.status).toBe(201);
    expect(seat.json).toMatchObject({ email: 'grace@example.com', assignedAt: '2026-10-01', source: 'manual' });
    const again = await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'grace@example.com' },
      admin,
    );
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('seat_exists');
    const missing = await server.call('POST', '/api/v1/subscriptions/999/seats', { email: 'x@example.com' }, admin);
    expect(missing.status).toBe(404);
  });
});

describe('GET /api/v1/reconciliation', () => {
  it('turns seats and measured usage into active, idle, never-used, unassigned and utilization', async () => {
    const { json: sub } = await server.call('POST', '/api/v1/subscriptions', slackPro, admin);
    for (const email of ['active@example.com', 'idle@example.com', 'never@example.com', 'unmonitored@example.com']) {
      await server.call('POST', `/api/v1/subscriptions/${sub.id}/seats`, { email, assignedAt: '2026-09-01' }, admin);
    }
    const active = await server.enrollDevice('active@example.com', admin);
    const activeLaptop = await server.enrollDevice('active@example.com', admin);
    const idle = await server.enrollDevice('idle@example.com', admin);
    const never = await server.enrollDevice('never@example.com', admin);
    const rec = (appId: string, day: string, activeSeconds: number) => ({
      appId,
      day,
      activeSeconds,
      visits: 1,
      lastActiveAt: null,
    });
    const send = (token: string, records: unknown[]) =>
      server.call('POST', '/api/v1/devices/usage', { records }, { bearer: token });
    // 40 s on each of two devices: 80 s in all, over the 1-minute minimum.
    await send(active.deviceToken, [rec('slack', '2026-11-19', 40)]);
    await send(activeLaptop.deviceToken, [rec('slack', '2026-11-19', 40)]);
    await send(idle.deviceToken, [rec('slack', '2026-09-15', 3_600), rec('figma', '2026-11-19', 600)]);
    await send(never.deviceToken, []);

    const { status, json } = await server.call('GET', '/api/v1/reconciliation?asOf=2026-11-20', undefined, admin);
    expect(status).toBe(200);
    expect(json.asOf).toBe('2026-11-20');
    expect(json.subscriptions).toEqual([
      expect.objectContaining({
        subscriptionId: sub.id,
        appName: 'Slack',
        seats: 5,
        assigned: 4,
        counts: { active: 1, grace: 0, idle: 1, never_used: 1, unmonitored: 1, left: 0 },
        unassigned: 1,
        utilization: 0.2,
        reclaimable: 3,
        annualCost: 5 * 875 * 12,
        reclaimableAnnualCost: 3 * 875 * 12,
      }),
    ]);
    expect(json.totals.byCurrency.USD).toMatchObject({ seats: 5, assigned: 4, active: 1 });

    // As of a day before any of the use, the active holder was not active yet.
    const earlier = await server.call('GET', '/api/v1/reconciliation?asOf=2026-11-18', undefined, admin);
    expect(earlier.json.subscriptions[0].counts.active).toBe(0);
  });

  const activePeopleAndPeakPerMetric =
    'counts the people using an app and its busiest day for every metric, sizes a pool by that day, ' +
    'and calls a vendor date before the window idle';
  it(activePeopleAndPeakPerMetric, async () => {
    const zoom = (
      await server.call(
        'POST',
        '/api/v1/subscriptions',
        {
          appId: 'zoom',
          plan: 'Business',
          metric: 'concurrent',
          seats: 3,
          unitCost: 2_000,
          currency: 'USD',
          billingPeriod: 'monthly',
        },
        admin,
      )
    ).json;
    const gws = (
      await server.call(
        'POST',
        '/api/v1/subscriptions',
        { appId: 'google-workspace', plan: 'Business', metric: 'site', unitCost: 100_000, currency: 'USD' },
        admin,
      )
    ).json;
    const slack = (await server.call('POST', '/api/v1/subscriptions', slackPro, admin)).json;
    const rec = (appId: string, day: string, activeSeconds: number) => ({
      appId,
      day,
      activeSeconds,
      visits: 1,
      lastActiveAt: null,
    });
    const devices: Awaited<ReturnType<TestServer['enrollDevice']>>[] = [];
    for (const n of ['a', 'b', 'c', 'd']) devices.push(await server.enrollDevice(`${n}@example.com`, admin));
    const send = (i: number, records: unknown[]) =>
      server.call('POST', '/api/v1/devices/usage', { records }, { bearer: devices[i]!.deviceToken });
    // Zoom: three people on 11-18 (one for only 30 s, under the minute), two on 11-19; nobody has a seat.
    await send(0, [
      rec('zoom', '2026-11-18', 600),
      rec('zoom', '2026-11-19', 600),
      rec('google-workspace', '2026-11-19', 900),
    ]);
    await send(1, [
      rec('zoom', '2026-11-18', 600),
      rec('zoom', '2026-11-19', 600),
      rec('google-workspace', '2026-11-02', 900),
    ]);
    await send(2, [rec('zoom', '2026-11-18', 30), rec('slack', '2026-11-10', 600)]);
    await send(3, [rec('zoom', '2026-10-01', 600)]); // before the window: neither active nor in the peak
    // Slack seats from the vendor: one seen in the window, one only before it (use all the same: idle), one with no
    // date.
    const csv = [
      'Email,Last active',
      'vendor.recent@example.com,2026-11-12',
      'vendor.lapsed@example.com,2026-08-03',
      'vendor.never@example.com,',
      '',
    ].join('\n');
    const imported = await server.app.request(`/api/v1/subscriptions/${slack.id}/seats/import?assignedAt=2026-06-01`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(200);

    const { json } = await server.call('GET', '/api/v1/reconciliation?asOf=2026-11-20', undefined, admin);
    const row = (id: number) => json.subscriptions.find((r: { subscriptionId: number }) => r.subscriptionId === id);
    expect(row(zoom.id)).toMatchObject({
      assigned: 0,
      counts: { active: 0, grace: 0, idle: 0, never_used: 0, unmonitored: 0, left: 0 },
      activePeople: 2,
      peakDailyActive: 2,
      neededSeats: 2,
      utilization: 2 / 3,
      unassigned: 3,
      overAssigned: 0,
      reclaimable: 1,
      recommendedSeats: 3,
      licencePosition: 1,
    });
    expect(row(gws.id)).toMatchObject({
      assigned: 0,
      activePeople: 2,
      peakDailyActive: 1,
      neededSeats: null,
      licencePosition: null,
      reclaimable: 0,
    });
    // c uses Slack without a seat; the vendor saw vendor.recent in the window: both are people using Slack.
    expect(row(slack.id)).toMatchObject({
      assigned: 3,
      activePeople: 2,
      peakDailyActive: 1,
      activeWithoutSeat: 1,
      neededSeats: 2,
      licencePosition: 3,
    });
    expect(row(slack.id).counts).toMatchObject({ active: 1, idle: 1, never_used: 0, unmonitored: 1 });
    const holders = (
      await server.call('GET', `/api/v1/subscriptions/${slack.id}/reconciliation?asOf=2026-11-20`, undefined, admin)
    ).json.holders;
    expect(Object.fromEntries(holders.map((h: { email: string; status: string }) => [h.email, h.status]))).toEqual({
      'vendor.recent@example.com': 'active',
      'vendor.lapsed@example.com': 'idle',
      'vendor.never@example.com': 'unmonitored', // no browser of theirs reports and no vendor date: we cannot tell
    });
  });

  it('rejects a malformed as-of day', async () => {
    const response = await server.call('GET', '/api/v1/reconciliation?asOf=20-11-2026', undefined, admin);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'invalid_query' });
  });
});

describe('GET /api/v1/usage', () => {
  it('sums a person’s devices per app and day', async () => {
    const phone = await server.enrollDevice('ada@example.com', admin);
    const laptop = await server.enrollDevice('ada@example.com', admin);
    const body = (s: number) => ({
      records: [
        { appId: 'notion', day: '2026-11-19', activeSeconds: s, visits: 1, lastActiveAt: '2026-11-19T10:00:00Z' },
      ],
    });
    await server.call('POST', '/api/v1/devices/usage', body(30), { bearer: phone.deviceToken });
    await server.call('POST', '/api/v1/devices/usage', body(45), { bearer: laptop.deviceToken });
    const response = await server.call('GET', '/api/v1/usage?email=ADA@example.com', undefined, admin);
    expect(response.json).toEqual([
      {
        email: 'ada@example.com',
        appId: 'notion',
        day: '2026-11-19',
        activeSeconds: 75,
        visits: 2,
        lastActiveAt: '2026-11-19T10:00:00.000Z',
      },
    ]);
  });
});

describe('GET /api/v1/subscriptions/:id/reconciliation', () => {
  it('lists each holder with status, window seconds over all their devices, and last activity', async () => {
    const { json: sub } = await server.call('POST', '/api/v1/subscriptions', slackPro, admin);
    await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'ada@example.com', assignedAt: '2026-09-01' },
      admin,
    );
    await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.id}/seats`,
      { email: 'bob@example.com', assignedAt: '2026-11-10' },
      admin,
    );
    const phone = await server.enrollDevice('ada@example.com', admin);
    const laptop = await server.enrollDevice('ada@example.com', admin);
    const rec = (activeSeconds: number, lastActiveAt: string) => ({
      records: [{ appId: 'slack', day: '2026-11-19', activeSeconds, visits: 1, lastActiveAt }],
    });
    await server.call('POST', '/api/v1/devices/usage', rec(100, '2026-11-19T09:00:00Z'), { bearer: phone.deviceToken });
    await server.call('POST', '/api/v1/devices/usage', rec(50, '2026-11-19T17:30:00Z'), { bearer: laptop.deviceToken });
    // stale retry
    await server.call('POST', '/api/v1/devices/usage', rec(40, '2026-11-19T08:00:00Z'), { bearer: laptop.deviceToken });

    const { status, json } = await server.call(
      'GET',
      `/api/v1/subscriptions/${sub.id}/reconciliation?asOf=2026-11-20`,
      undefined,
      admin,
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({ subscriptionId: sub.id, asOf: '2026-11-20', assigned: 2 });
    expect(json.holders).toEqual([
      {
        seatId: expect.any(Number),
        email: 'ada@example.com',
        name: null,
        department: null,
        status: 'active',
        assignedAt: '2026-09-01',
        lastActiveAt: '2026-11-19T17:30:00.000Z',
        activeSeconds: 150,
        source: 'manual',
        reclaim: null,
      },
      {
        seatId: expect.any(Number),
        email: 'bob@example.com',
        name: null,
        department: null,
        status: 'grace',
        assignedAt: '2026-11-10',
        lastActiveAt: null,
        activeSeconds: 0,
        source: 'manual',
        reclaim: null,
      },
    ]);
    expect(json.holdersTotal).toBe(2);
    expect((await server.call('GET', '/api/v1/subscriptions/999/reconciliation', undefined, admin)).status).toBe(404);

    const holders = async (query: string) =>
      (
        await server.call(
          'GET',
          `/api/v1/subscriptions/${sub.id}/reconciliation?asOf=2026-11-20&${query}`,
          undefined,
          admin,
        )
      ).json;
    expect((await holders('status=grace')).holders.map((h: { email: string }) => h.email)).toEqual(['bob@example.com']);
    expect((await holders('status=grace,active')).holdersTotal).toBe(2);
    expect((await holders('search=ADA')).holders.map((h: { email: string }) => h.email)).toEqual(['ada@example.com']);
    const page = await holders('limit=1&offset=1');
    expect([page.holdersTotal, page.holders.map((h: { email: string }) => h.email), page.assigned]).toEqual([
      2,
      ['bob@example.com'],
      2,
    ]);
    const bad = await server.call(
      'GET',
      `/api/v1/subscriptions/${sub.id}/reconciliation?status=sleeping`,
      undefined,
      admin,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_query');
  });

  it.each([
    ['2026-11-20', 0 + 1 + 8, 4 + 2 + 0 + 1 + 8],
    ['2026-11-19', 2 + 0 + 1, 32 + 4 + 2 + 0 + 1],
    ['2026-11-13', 2, 32 + 4 + 2],
    ['2026-10-21', 32, 64 + 32],
  ])(
    'as of %s counts exactly the window days (%i s in 7 days, %i s in 30) for two subscriptions of one app',
    async (asOf, week, month) => {
      const { json: monthly } = await server.call(
        'POST',
        '/api/v1/subscriptions',
        { ...slackPro, activityWindowDays: 30 },
        admin,
      );
      const { json: weekly } = await server.call(
        'POST',
        '/api/v1/subscriptions',
        { ...slackPro, plan: 'Guests', activityWindowDays: 7 },
        admin,
      );
      await server.call(
        'POST',
        `/api/v1/subscriptions/${monthly.id}/seats`,
        { email: 'ada@example.com', assignedAt: '2026-01-01' },
        admin,
      );
      await server.call(
        'POST',
        `/api/v1/subscriptions/${weekly.id}/seats`,
        { email: 'ada@example.com', assignedAt: '2026-01-01' },
        admin,
      );
      const device = await server.enrollDevice('ada@example.com', admin);
      // Around the edges of both windows ending 11-20 (D-30, D-29, D-7, D-6, D-1, D) and one older day.
      const days: [string, number][] = [
        ['2026-10-21', 32],
        ['2026-10-22', 4],
        ['2026-11-13', 2],
        ['2026-11-14', 0],
        ['2026-11-19', 1],
        ['2026-11-20', 8],
        ['2026-09-30', 64],
      ];
      const records = days.map(([day, activeSeconds]) => ({
        appId: 'slack',
        day,
        activeSeconds,
        visits: 1,
        lastActiveAt: null,
      }));
      expect(
        (await server.call('POST', '/api/v1/devices/usage', { records }, { bearer: device.deviceToken })).status,
      ).toBe(200);
      const seconds = async (id: number) =>
        (await server.call('GET', `/api/v1/subscriptions/${id}/reconciliation?asOf=${asOf}`, undefined, admin)).json
          .holders[0].activeSeconds;
      const expectedMonth = days
        .filter(([day]) => day <= asOf && day >= addDays(asOf, -29))
        .reduce((n, [, s]) => n + s, 0);
      const expectedWeek = days
        .filter(([day]) => day <= asOf && day >= addDays(asOf, -6))
        .reduce((n, [, s]) => n + s, 0);
      expect(expectedMonth).toBe(month);
      expect(expectedWeek).toBe(week);
      expect(await seconds(monthly.id)).toBe(month);
      expect(await seconds(weekly.id)).toBe(week);
    },
  );

  it('keeps the per-person rollup equal to the sum of the per-device maxima, whatever the upload order', async () => {
    const devices = [
      await server.enrollDevice('ada@example.com', admin),
      await server.enrollDevice('ada@example.com', admin),
    ];
    const uploads = [
      [0, 'slack', '2026-11-18', 30],
      [1, 'slack', '2026-11-18', 90],
      [0, 'slack', '2026-11-18', 10],
      [0, 'slack', '2026-11-18', 300],
      [1, 'figma', '2026-11-19', 5],
      [1, 'slack', '2026-11-18', 60],
      [1, 'figma', '2026-11-19', 7],
    ] as const;
    for (const [device, appId, day, activeSeconds] of uploads) {
      await server.call(
        'POST',
        '/api/v1/devices/usage',
        { records: [{ appId, day, activeSeconds, visits: 1, lastActiveAt: null }] },
        { bearer: devices[device]!.deviceToken },
      );
    }
    const rollup = await server.db.$client.execute(
      'select app_id, day, active_seconds from person_usage_daily order by app_id',
    );
    expect(rollup.rows.map((r) => [r.app_id, r.day, r.active_seconds])).toEqual([
      ['figma', '2026-11-19', 7],
      ['slack', '2026-11-18', 390],
    ]);
    const firstUse = await server.db.$client.execute(
      'select app_id, first_day, last_day from person_app_usage order by app_id',
    );
    expect(firstUse.rows.map((r) => [r.app_id, r.first_day, r.last_day])).toEqual([
      ['figma', '2026-11-19', '2026-11-19'],
      ['slack', '2026-11-18', '2026-11-18'],
    ]);
  });
  const cumulativeSecondsWhenDaysArriveLate =
    'keeps cumulative seconds equal to the running total per person and app when days arrive late and out of order';
  it(cumulativeSecondsWhenDaysArriveLate, async () => {
    const devices = [
      await server.enrollDevice('ada@example.com', admin),
      await server.enrollDevice('ada@example.com', admin),
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const days = ['2026-11-10', '2026-11-12', '2026-11-13', '2026-11-15', '2026-11-18', '2026-11-19'];
    const deviceMax = new Map<string, number>();
    for (let i = 0; i < 80; i += 1) {
      const device = Math.floor(random() * 2);
      const appId = random() < 0.5 ? 'slack' : 'figma';
      const day = days[Math.floor(random() * days.length)]!;
      const activeSeconds = Math.floor(random() * 600);
      const key = `${device}|${appId}|${day}`;
      deviceMax.set(key, Math.max(deviceMax.get(key) ?? 0, activeSeconds));
      const reply = await server.call(
        'POST',
        '/api/v1/devices/usage',
        { records: [{ appId, day, activeSeconds, visits: 1, lastActiveAt: null }] },
        { bearer: devices[device]!.deviceToken },
      );
      expect(reply.status).toBe(200);
    }
    const expected: [string, string, number, number][] = [];
    for (const appId of ['figma', 'slack']) {
      let running = 0;
      for (const day of days) {
        const total = (deviceMax.get(`0|${appId}|${day}`) ?? 0) + (deviceMax.get(`1|${appId}|${day}`) ?? 0);
        const uploaded = deviceMax.has(`0|${appId}|${day}`) || deviceMax.has(`1|${appId}|${day}`);
        running += total;
        if (uploaded) expected.push([appId, day, total, running]);
      }
    }
    const rollup = await server.db.$client.execute(
      'select app_id, day, active_seconds, cumulative_seconds from person_usage_daily order by app_id, day',
    );
    expect(rollup.rows.map((r) => [r.app_id, r.day, r.active_seconds, r.cumulative_seconds])).toEqual(expected);
    const totals = await server.db.$client.execute(
      'select app_id, total_seconds from person_app_usage order by app_id',
    );
    const lastRunning = (appId: string) => expected.filter((row) => row[0] === appId).at(-1)?.[3];
    expect(totals.rows.map((r) => [r.app_id, r.total_seconds])).toEqual(
      ['figma', 'slack'].map((appId) => [appId, lastRunning(appId)]),
    );
  });
});
