// The extension's API over a real libSQL file: enroll, catalog, usage ingest and its rejections.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { closeDatabase } from '../../server/db/close-hooks.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
});
afterEach(async () => server.close());

const record = (over: Record<string, unknown> = {}) => ({
  appId: 'slack',
  day: '2026-11-20',
  activeSeconds: 120,
  visits: 2,
  lastActiveAt: '2026-11-20T11:58:00Z',
  ...over,
});

async function usageRows() {
  const result = await server.db.$client.execute(
    'select device_id, app_id, day, active_seconds, visits, last_active_at ' +
      'from usage_daily order by device_id, app_id, day',
  );
  return result.rows.map((row) => ({ ...row }));
}

const upload = (token: string, body: unknown) => server.call('POST', '/api/v1/devices/usage', body, { bearer: token });

describe('enrollment', () => {
  it('enrolls with a live enrollment token, creating the person; the device token is stored hashed', async () => {
    const device = await server.enrollDevice('Ada@Example.com');
    expect(device.deviceToken).toMatch(/^swd_/);
    const people = await server.db.$client.execute('select email from people');
    expect(people.rows.map((row) => row.email)).toEqual(['ada@example.com']);
    const stored = await server.db.$client.execute('select token_hash from devices');
    expect(String(stored.rows[0]!.token_hash)).not.toContain(device.deviceToken);
  });

  it('refuses an unknown enrollment token and a bad body, and stores nothing', async () => {
    const unknown = await server.call('POST', '/api/v1/devices/enroll', {
      enrollmentToken: 'swe_unknown',
      email: 'ada@example.com',
      browser: 'chrome',
      extensionVersion: '0.1.0',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe('invalid_enrollment_token');
    const bad = await server.call('POST', '/api/v1/devices/enroll', {
      enrollmentToken: 'x',
      email: 'not-an-email',
      browser: 'netscape',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_body');
    expect(bad.json.error.message).toMatch(/email/);
    const counts = await server.db.$client.execute(
      'select (select count(*) from people) as p, (select count(*) from devices) as d',
    );
    expect(counts.rows[0]).toMatchObject({ p: 0, d: 0 });
  });
});

describe('catalog', () => {
  it('serves at least 40 apps with domains, and answers 304 to the same version', async () => {
    const { deviceToken } = await server.enrollDevice();
    const first = await server.call('GET', '/api/v1/devices/catalog', undefined, { bearer: deviceToken });
    expect(first.status).toBe(200);
    expect(first.json.apps.length).toBeGreaterThanOrEqual(40);
    expect(first.json.apps.find((app: { id: string }) => app.id === 'slack').domains).toContain('slack.com');
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${first.json.version}"`);
    const again = await server.app.request('/api/v1/devices/catalog', {
      headers: { authorization: `Bearer ${deviceToken}`, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('needs a device token', async () => {
    const response = await server.call('GET', '/api/v1/devices/catalog', undefined, { bearer: 'swd_forged' });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('invalid_device_token');
  });
});

describe('usage ingest', () => {
  it('keeps the maximum of running totals: retried and reordered uploads count nothing twice', async () => {
    const { deviceToken, deviceId } = await server.enrollDevice();
    const early = record({ activeSeconds: 60, visits: 1, lastActiveAt: '2026-11-20T10:00:00Z' });
    const late = record({ activeSeconds: 300, visits: 3, lastActiveAt: '2026-11-20T11:00:00Z' });
    expect((await upload(deviceToken, { records: [early] })).json).toEqual({ accepted: 1 });
    await upload(deviceToken, { records: [late] });
    await upload(deviceToken, { records: [late] }); // retried
    await upload(deviceToken, { records: [early] }); // arrives late, out of order
    expect(await usageRows()).toEqual([
      {
        device_id: deviceId,
        app_id: 'slack',
        day: '2026-11-20',
        active_seconds: 300,
        visits: 3,
        last_active_at: Date.parse('2026-11-20T11:00:00Z'),
      },
    ]);
  });

  it('an empty upload is a heartbeat: the device is marked seen and monitored today', async () => {
    const { deviceToken } = await server.enrollDevice();
    expect((await upload(deviceToken, { records: [] })).json).toEqual({ accepted: 0 });
    const days = await server.db.$client.execute('select day from device_days');
    expect(days.rows.map((row) => row.day)).toEqual(['2026-11-20']);
    const seen = await server.db.$client.execute('select last_seen_at from devices');
    expect(seen.rows[0]!.last_seen_at).toBe(Date.parse('2026-11-20T12:00:00Z'));
  });

  it('a device writes only its own usage, and a forged token writes nothing', async () => {
    const ada = await server.enrollDevice('ada@example.com');
    const bob = await server.enrollDevice('bob@example.com');
    await upload(ada.deviceToken, { records: [record({ activeSeconds: 100 })] });
    await upload(bob.deviceToken, { records: [record({ activeSeconds: 7 })] });
    const forged = await upload(`swd_${ada.deviceId}`, { records: [record({ activeSeconds: 86_400 })] });
    expect(forged.status).toBe(401);
    const rows = await usageRows();
    expect(rows.map((row) => [row.device_id, row.active_seconds]).sort()).toEqual(
      [
        [ada.deviceId, 100],
        [bob.deviceId, 7],
      ].sort(),
    );
  });

  it.each([
    ['more than a day of seconds', { records: [record({ activeSeconds: 86_401 })] }, 'invalid_body'],
    ['negative seconds', { records: [record({ activeSeconds: -1 })] }, 'invalid_body'],
    ['a fractional second', { records: [record({ activeSeconds: 1.5 })] }, 'invalid_body'],
    ['an impossible day', { records: [record({ day: '2026-02-30' })] }, 'invalid_body'],
    ['a day in the future', { records: [record({ day: '2026-11-25', lastActiveAt: null })] }, 'invalid_day'],
    ['a day older than 400 days', { records: [record({ day: '2025-01-01', lastActiveAt: null })] }, 'invalid_day'],
    ['an app not in the catalog', { records: [record({ appId: 'myspace' })] }, 'unknown_app'],
    ['a last activity in 2099', { records: [record({ lastActiveAt: '2099-01-01T00:00:00Z' })] }, 'invalid_body'],
    [
      'a last activity after the day has ended everywhere',
      { records: [record({ lastActiveAt: '2026-11-21T12:00:00Z' })] },
      'invalid_body',
    ],
    [
      'a last activity before the day has begun anywhere',
      { records: [record({ lastActiveAt: '2026-11-19T09:59:59Z' })] },
      'invalid_body',
    ],
    ['no records field', {}, 'invalid_body'],
    ['1001 records', { records: Array.from({ length: 1001 }, () => record()) }, 'too_many_records'],
    ['malformed JSON', '{"records": [', 'invalid_json'],
  ])('rejects %s whole with 400 and stores nothing', async (_name, body, code) => {
    const { deviceToken } = await server.enrollDevice();
    // One good record beside the bad one proves nothing of a rejected request is stored.
    const withGood =
      typeof body === 'object' && 'records' in body && body.records.length < 1000
        ? { records: [record({ appId: 'figma' }), ...body.records] }
        : body;
    const response = await upload(deviceToken, withGood);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message.length).toBeGreaterThan(10);
    expect(await usageRows()).toEqual([]);
  });

  it('accepts an app added after the first upload, whether added here or by another instance', async () => {
    const { deviceToken } = await server.enrollDevice();
    expect((await upload(deviceToken, { records: [record()] })).status).toBe(200);
    const admin = await server.login();
    const added = await server.call('POST', '/api/v1/apps', { name: 'Intranet', domains: ['intranet.example'] }, admin);
    expect(added.status).toBe(201);
    // Another instance writes straight to the shared database: this one has not heard of the app.
    await server.db.$client.execute(
      "insert into apps (id, name, domains, source) values ('wiki', 'Wiki', '[\"wiki.example\"]', 'custom')",
    );
    for (const appId of [added.json.id, 'wiki']) {
      const response = await upload(deviceToken, { records: [record({ appId })] });
      expect(response.status, appId).toBe(200);
    }
    expect((await usageRows()).map((row) => row.app_id).sort()).toEqual([added.json.id, 'slack', 'wiki'].sort());
  });

  it('refuses a device revoked after its token was remembered: 401, nothing stored, then refused at once', async () => {
    const ada = await server.enrollDevice('ada@example.com');
    const bob = await server.enrollDevice('bob@example.com');
    for (const device of [ada, bob])
      expect((await upload(device.deviceToken, { records: [record()] })).status).toBe(200);
    const admin = await server.login();
    expect((await server.call('DELETE', `/api/v1/devices/${ada.deviceId}`, undefined, admin)).status).toBe(204);

    const refused = await upload(ada.deviceToken, { records: [record({ activeSeconds: 999 })] });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('invalid_device_token');
    // Forgotten after that refusal: the next request is refused on its token, before its (bad) body is looked at.
    const again = await upload(ada.deviceToken, { records: [record({ appId: 'no-such-app' })] });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('invalid_device_token');
    expect((await upload(bob.deviceToken, { records: [record({ activeSeconds: 300 })] })).status).toBe(200);
    expect((await usageRows()).map((row) => [row.device_id, row.active_seconds])).toEqual(
      [
        [ada.deviceId, 120],
        [bob.deviceId, 300],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('answers uploads arriving together each for its own token, the unknown and the revoked ones refused', async () => {
    const devices = [];
    for (const email of ['ada@example.com', 'bob@example.com', 'cy@example.com'])
      devices.push(await server.enrollDevice(email));
    const revoked = await server.enrollDevice('dee@example.com');
    const admin = await server.login();
    expect((await server.call('DELETE', `/api/v1/devices/${revoked.deviceId}`, undefined, admin)).status).toBe(204);
    // Sent at once: their tokens are looked up together, none of them remembered yet.
    const tokens = [...devices.map((d) => d.deviceToken), devices[0]!.deviceToken, revoked.deviceToken, 'swd_unknown'];
    const replies = await Promise.all(
      tokens.map((token, i) => upload(token, { records: [record({ activeSeconds: 100 + i })] })),
    );
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 401, 401]);
    const stored = Object.fromEntries((await usageRows()).map((row) => [row.device_id, row.active_seconds]));
    expect(stored).toEqual({
      [devices[0]!.deviceId]: 103,
      [devices[1]!.deviceId]: 101,
      [devices[2]!.deviceId]: 102,
    });
  });

  it('refuses a device another instance revoked or deleted, though this instance remembers its token', async () => {
    const ada = await server.enrollDevice('ada@example.com');
    const bob = await server.enrollDevice('bob@example.com');
    for (const device of [ada, bob])
      expect((await upload(device.deviceToken, { records: [record()] })).status).toBe(200);
    const other = await openDatabase({ url: `file:${server.dbPath}` });
    try {
      await other.$client.execute({ sql: 'update devices set revoked_at = 1 where id = ?', args: [ada.deviceId] });
      await other.$client.execute({ sql: 'delete from devices where id = ?', args: [bob.deviceId] });
    } finally {
      await closeDatabase(other);
    }
    for (const device of [ada, bob]) {
      const refused = await upload(device.deviceToken, { records: [record({ activeSeconds: 999 })] });
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('invalid_device_token');
    }
    expect((await usageRows()).map((row) => row.active_seconds)).toEqual([120]);
  });

  it.each([
    ['late on the day in Honolulu', '2026-11-21T09:30:00Z'],
    ['early on the day in Kiritimati', '2026-11-19T10:00:00Z'],
    ['with a zone offset', '2026-11-20T23:30:00-08:00'],
  ])('accepts a last activity on the record’s day somewhere: %s', async (_name, lastActiveAt) => {
    const { deviceToken } = await server.enrollDevice();
    const response = await upload(deviceToken, { records: [record({ lastActiveAt })] });
    expect(response.status).toBe(200);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const { deviceToken } = await server.enrollDevice();
    const padding = 'x'.repeat(1024 * 1024);
    const response = await upload(deviceToken, JSON.stringify({ records: [], padding }));
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
  });
});

describe('CORS for the extension', () => {
  it.each([
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', true],
    ['moz-extension://2f1c0b54-8c55-4b7e-9d8e-1a2b3c4d5e6f', true],
    ['https://evil.example', false],
  ])('preflight from %s allowed: %s', async (origin, allowed) => {
    const response = await server.app.request('/api/v1/devices/usage', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed ? origin : null);
  });

  it.each([
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', true],
    ['https://evil.example', false],
  ])('an upload and a catalog read from %s carry CORS headers: %s', async (origin, allowed) => {
    const { deviceToken } = await server.enrollDevice();
    const headers = { origin, authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' };
    const uploaded = await server.app.request('/api/v1/devices/usage', {
      method: 'POST',
      headers,
      body: JSON.stringify({ records: [record()] }),
    });
    const catalog = await server.app.request('/api/v1/devices/catalog', { headers });
    // A write from a web page's origin is refused outright (middleware/same-origin.ts); a read is answered.
    expect(uploaded.status).toBe(allowed ? 200 : 403);
    expect(catalog.status).toBe(200);
    for (const response of [uploaded, catalog]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(allowed ? origin : null);
      expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
      expect(response.headers.get('vary')).toContain('Origin');
    }
    if (allowed) expect(await uploaded.json()).toEqual({ accepted: 1 });
    expect(uploaded.headers.get('cache-control')).toBe('no-store');
    expect(uploaded.headers.get('x-content-type-options')).toBe('nosniff');
    expect(catalog.headers.get('cache-control')).toBe('no-cache');
    expect(catalog.headers.get('etag')).toMatch(/^"/);
  });
});
