// GET /devices/me over the real app on a libSQL file: exactly the device's person's usage within the retention
// period, their seats with the status the subscription holders API gives them, and 401 for revoked or wrong tokens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceMe } from '../../server/contract.ts';
import { addDays } from '../../server/domain/days.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { issueSsoDeviceCode } from '../../server/services/sso-device-codes.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const TODAY = '2026-11-20';
let server: TestServer;
let admin: { cookie: string };
beforeEach(async () => {
  server = await createTestServer({ now: new Date(`${TODAY}T12:00:00Z`) });
  admin = await server.login();
});
afterEach(async () => server.close());

const record = (appId: string, daysAgo: number, activeSeconds: number) => {
  const day = addDays(TODAY, -daysAgo);
  return { appId, day, activeSeconds, visits: 1, lastActiveAt: `${day}T11:00:00Z` };
};
const upload = async (token: string, records: ReturnType<typeof record>[]) =>
  expect((await server.call('POST', '/api/v1/devices/usage', { records }, { bearer: token })).status).toBe(200);
const me = (token: string) => server.call('GET', '/api/v1/devices/me', undefined, { bearer: token });

async function subscription(appId: string) {
  const body = {
    appId,
    plan: 'Business',
    metric: 'named_user',
    seats: 10,
    unitCost: 1000,
    currency: 'EUR',
    billingPeriod: 'monthly',
    activityWindowDays: 30,
    minActiveMinutes: 10,
  };
  const created = await server.call('POST', '/api/v1/subscriptions', body, admin);
  expect(created.status).toBe(201);
  return created.json.id as number;
}
async function seat(subscriptionId: number, email: string, assignedAt: string) {
  const added = await server.call(
    'POST',
    `/api/v1/subscriptions/${subscriptionId}/seats`,
    { email, assignedAt },
    admin,
  );
  expect(added.status).toBe(201);
}
/** What the detail page's holders say about one person's seat: the status and seconds to agree with. */
async function holderOf(subscriptionId: number, email: string) {
  const { json } = await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/reconciliation`, undefined, admin);
  const holder = json.holders.find((h: { email: string }) => h.email === email);
  return { status: holder.status, activeSecondsInWindow: holder.activeSeconds };
}

describe('GET /devices/me', () => {
  it("has just the person's figures in the retention period, and their seats as reconciliation has them", async () => {
    const ada = await server.enrollDevice('Ada@Example.com', admin);
    const adaLaptop = await server.enrollDevice('ada@example.com', admin);
    const bob = await server.enrollDevice('bob@example.com', admin);
    await upload(ada.deviceToken, [
      record('slack', 0, 1800),
      record('slack', 10, 600),
      record('notion', 50, 300),
      // The first day of the 100-day period, and the day before it.
      record('notion', 99, 120),
      record('figma', 100, 7200),
      record('slack', 200, 3000),
    ]);
    // A second browser of Ada's on a day the first one also sent: summed as the server sums devices.
    await upload(adaLaptop.deviceToken, [record('slack', 0, 200)]);
    await upload(bob.deviceToken, [record('slack', 0, 999), record('zoom', 5, 4000)]);
    // The period is shortened after those days were stored (ingest refuses days before it), before retention ran.
    await savePrivacySettings(server.db, { usageRetentionDays: 100, pseudonymise: false, minGroupSize: 5 });

    const slack = await subscription('slack');
    const notion = await subscription('notion');
    const zoom = await subscription('zoom');
    const github = await subscription('github');
    await seat(slack, 'ada@example.com', '2026-09-01'); // used in the window: active
    await seat(notion, 'ada@example.com', '2026-09-01'); // used before the window only: idle
    await seat(zoom, 'ada@example.com', '2026-09-01'); // never: never_used
    await seat(github, 'ada@example.com', addDays(TODAY, -3)); // assigned three days ago: grace
    await seat(zoom, 'bob@example.com', '2026-09-01');

    const { status, json, headers } = await me(ada.deviceToken);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const view = DeviceMe.parse(json);
    expect(view.person).toEqual({ email: 'ada@example.com', name: null });
    expect(view.device).toEqual({ id: ada.deviceId, verified: false });
    expect(view.retention).toEqual({ days: 100, from: addDays(TODAY, -99), to: TODAY });
    expect(view.apps).toEqual([
      { appId: 'slack', appName: 'Slack', activeSeconds: 2600, days: 2, lastDay: TODAY },
      { appId: 'notion', appName: 'Notion', activeSeconds: 420, days: 2, lastDay: addDays(TODAY, -50) },
    ]);
    expect(view.totalSeconds).toBe(3020);
    expect(view.daysWithUsage).toBe(4);
    expect(JSON.stringify(view)).not.toMatch(/bob@|figma|999|4000/);

    const seats = new Map(view.seats.map((s) => [s.subscriptionId, s]));
    expect(view.seats).toHaveLength(4);
    expect(Object.fromEntries([slack, notion, zoom, github].map((id) => [id, seats.get(id)?.status]))).toEqual({
      [slack]: 'active',
      [notion]: 'idle',
      [zoom]: 'never_used',
      [github]: 'grace',
    });
    for (const id of [slack, notion, zoom, github]) {
      const { status: holderStatus, activeSecondsInWindow } = seats.get(id)!;
      expect({ status: holderStatus, activeSecondsInWindow }).toEqual(await holderOf(id, 'ada@example.com'));
      expect(seats.get(id)!.activityWindowDays).toBe(30);
    }
    expect(seats.get(slack)).toMatchObject({
      appId: 'slack',
      appName: 'Slack',
      plan: 'Business',
      assignedAt: '2026-09-01',
    });
    expect(seats.get(slack)!.activeSecondsInWindow).toBe(2600);

    // Bob sees his own and nothing of Ada's.
    const bobs = DeviceMe.parse((await me(bob.deviceToken)).json);
    expect(bobs.person.email).toBe('bob@example.com');
    expect(bobs.apps.map((a) => [a.appId, a.activeSeconds])).toEqual([
      ['zoom', 4000],
      ['slack', 999],
    ]);
    expect(bobs.seats.map((s) => [s.subscriptionId, s.status])).toEqual([[zoom, 'active']]);
  });

  it('uses the default retention of 400 days and shows a leaver their seats as left', async () => {
    const bob = await server.enrollDevice('bob@example.com', admin);
    await upload(bob.deviceToken, [record('slack', 399, 60), record('slack', 0, 900)]);
    const slack = await subscription('slack');
    await seat(slack, 'bob@example.com', '2026-01-01');
    const hr = await server.app.request('/api/v1/people/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: 'email,name,status\nbob@example.com,Bob Builder,Terminated\n',
    });
    expect(hr.status).toBe(200);
    const view = DeviceMe.parse((await me(bob.deviceToken)).json);
    expect(view.retention).toEqual({ days: 400, from: addDays(TODAY, -399), to: TODAY });
    expect(view.person).toEqual({ email: 'bob@example.com', name: 'Bob Builder' });
    expect(view.apps).toEqual([{ appId: 'slack', appName: 'Slack', activeSeconds: 960, days: 2, lastDay: TODAY }]);
    expect(view.seats.map((s) => s.status)).toEqual(['left']);
    expect((await holderOf(slack, 'bob@example.com')).status).toBe('left');
  });

  it('answers a device enrolled through single sign-on with the email the identity provider vouched for', async () => {
    // What the SSO callback hands the extension after the identity provider signed Linus in.
    const redirect = await issueSsoDeviceCode(
      server.db,
      'linus@example.com',
      'https://x.chromiumapp.org/',
      server.clock.now,
    );
    const code = new URL(redirect).searchParams.get('code')!;
    const { json: token } = await server.call('POST', '/api/v1/enrollment-tokens', { label: 'sso' }, admin);
    const enrolled = await server.call('POST', '/api/v1/devices/enroll', {
      enrollmentToken: token.token,
      email: 'configured-by-policy@example.com',
      browser: 'chrome',
      extensionVersion: '0.1.0',
      ssoCode: code,
    });
    expect(enrolled.status).toBe(201);
    const view = DeviceMe.parse((await me(enrolled.json.deviceToken)).json);
    expect(view.person.email).toBe('linus@example.com');
    expect(view.device.verified).toBe(true);
    expect(view).toMatchObject({ apps: [], seats: [], totalSeconds: 0, daysWithUsage: 0 });
  });

  it('refuses a revoked, a wrong and a missing token with 401', async () => {
    const ada = await server.enrollDevice('ada@example.com', admin);
    expect((await me(ada.deviceToken)).status).toBe(200);
    expect((await server.call('DELETE', `/api/v1/devices/${ada.deviceId}`, undefined, admin)).status).toBe(204);
    for (const token of [ada.deviceToken, 'swd_forged', '']) {
      const refused = await me(token);
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('invalid_device_token');
    }
    // A signed-in person is not a device.
    expect((await server.call('GET', '/api/v1/devices/me', undefined, admin)).status).toBe(401);
  });
});
