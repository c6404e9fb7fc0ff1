// People sign-in, sessions, API tokens, roles and CSRF defences over the real app on a libSQL file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and /me answers who is signed in', async () => {
    const response = await server.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Admin@Example.com', password: ADMIN.password }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^seatwise_session=sws_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await server.call('GET', '/api/v1/me', undefined, { cookie: cookie.split(';')[0] });
    expect(me.json).toMatchObject({ email: ADMIN.email, role: 'admin' });
  });

  it('rejects a wrong password and an unknown email with the same answer', async () => {
    const wrong = await server.call('POST', '/api/v1/auth/login', { email: ADMIN.email, password: 'not-the-password' });
    const unknown = await server.call('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'x' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json.error.code).toBe('invalid_credentials');
  });

  const throttlesWrongPasswords =
    'throttles wrong passwords for an account at one address, the right one included, until the wait is over';
  it(throttlesWrongPasswords, async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (await server.call('POST', '/api/v1/auth/login', { email: ADMIN.email, password: 'guess' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const throttled = await server.call('POST', '/api/v1/auth/login', ADMIN);
    expect([throttled.status, throttled.json.error.code, throttled.headers.get('retry-after')]).toEqual([
      429,
      'too_many_attempts',
      '60',
    ]);
    server.clock.now = new Date(server.clock.now.getTime() + 60 * 1000);
    expect((await server.call('POST', '/api/v1/auth/login', ADMIN)).status).toBe(200);
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const auth = await server.login();
    expect((await server.call('POST', '/api/v1/auth/logout', undefined, auth)).status).toBe(204);
    const me = await server.call('GET', '/api/v1/me', undefined, auth);
    expect(me.status).toBe(401);
    expect(me.json.error.code).toBe('unauthenticated');
  });

  it('stores neither passwords nor session tokens in clear', async () => {
    const { cookie } = await server.login();
    const token = cookie.split('=')[1]!;
    const users = await server.db.$client.execute('select password_hash from users');
    expect(String(users.rows[0]!.password_hash)).toMatch(/^scrypt\$/);
    const sessions = await server.db.$client.execute('select id_hash from sessions');
    expect(sessions.rows.map((row) => String(row.id_hash))).not.toContain(token);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write from another origin and stores nothing', async () => {
    const { cookie } = await server.login();
    const response = await server.app.request('/api/v1/enrollment-tokens', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', host: 'seatwise.local', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('cross_origin_request');
    const rows = await server.db.$client.execute('select count(*) as n from enrollment_tokens');
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('allows the same write from the dashboard’s own origin', async () => {
    const { cookie } = await server.login();
    const response = await server.app.request('http://seatwise.local/api/v1/enrollment-tokens', {
      method: 'POST',
      headers: { cookie, origin: 'http://seatwise.local', host: 'seatwise.local', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(201);
  });

  it.each([
    ['another scheme on the same host', 'https://seatwise.local', undefined, 403],
    ['another port on the same host', 'http://seatwise.local:8080', undefined, 403],
    ['the same origin with its default port spelled out', 'http://seatwise.local:80', undefined, 201],
    [
      'an extension with a stolen session cookie',
      'chrome-extension://ijfohkaemnlpljnlponcmlcinjgcnpbk',
      undefined,
      403,
    ],
    ['https behind a TLS proxy that says so', 'https://seatwise.local', 'https', 201],
    ['http to a TLS proxy that says https', 'http://seatwise.local', 'https', 403],
  ])('compares scheme, host and port: %s', async (_name, origin, forwardedProto, status) => {
    const { cookie } = await server.login();
    const headers: Record<string, string> = {
      cookie,
      origin,
      host: 'seatwise.local',
      'content-type': 'application/json',
    };
    if (forwardedProto) headers['x-forwarded-proto'] = forwardedProto;
    const response = await server.app.request('http://seatwise.local/api/v1/enrollment-tokens', {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(response.status).toBe(status);
  });

  it('lets the extension reach its own device routes from its origin', async () => {
    const { cookie } = await server.login();
    const { json } = await server.call('POST', '/api/v1/enrollment-tokens', { label: 'x' }, { cookie });
    const response = await server.app.request('http://seatwise.local/api/v1/devices/enroll', {
      method: 'POST',
      headers: {
        origin: 'chrome-extension://ijfohkaemnlpljnlponcmlcinjgcnpbk',
        host: 'seatwise.local',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        enrollmentToken: json.token,
        email: 'ext@example.com',
        browser: 'chrome',
        extensionVersion: '0.1.0',
      }),
    });
    expect(response.status).toBe(201);
  });
});

describe('API tokens and roles', () => {
  it('an admin creates a token shown once; it authenticates with its role and is stored hashed', async () => {
    const admin = await server.login();
    const created = await server.call('POST', '/api/v1/tokens', { name: 'nightly export', role: 'viewer' }, admin);
    expect(created.status).toBe(201);
    const token: string = created.json.token;
    expect(token).toMatch(/^swa_/);
    const me = await server.call('GET', '/api/v1/me', undefined, { bearer: token });
    expect(me.json).toMatchObject({ role: 'viewer' });
    const denied = await server.call('POST', '/api/v1/enrollment-tokens', {}, { bearer: token });
    expect(denied.status).toBe(403);
    const stored = await server.db.$client.execute('select token_hash from api_tokens');
    expect(String(stored.rows[0]!.token_hash)).not.toContain(token);
  });

  it('an unknown bearer token is 401, not anonymous access', async () => {
    const response = await server.call('GET', '/api/v1/subscriptions', undefined, { bearer: 'swa_nope' });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('invalid_token');
  });

  it.each([
    ['viewer', 'POST', '/api/v1/tokens', { name: 't', role: 'admin' }, 403],
    ['it', 'POST', '/api/v1/tokens', { name: 't', role: 'admin' }, 403],
    ['finance', 'POST', '/api/v1/enrollment-tokens', {}, 403],
    ['it', 'POST', '/api/v1/enrollment-tokens', {}, 201],
    [
      'viewer',
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 1, unitCost: 1, currency: 'USD' },
      403,
    ],
    [
      'it',
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 1, unitCost: 1, currency: 'USD' },
      403,
    ],
    [
      'finance',
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 1, unitCost: 1, currency: 'USD' },
      201,
    ],
    ['viewer', 'GET', '/api/v1/reconciliation', undefined, 200],
    ['viewer', 'GET', '/api/v1/subscriptions', undefined, 200],
  ] as const)('%s: %s %s -> %i', async (role, method, path, body, expected) => {
    const auth = await server.signedInAs(role);
    expect((await server.call(method, path, body, auth)).status).toBe(expected);
  });

  it('every API route but login, setup and device enrollment needs a caller', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/apps'],
      ['GET', '/api/v1/subscriptions'],
      ['GET', '/api/v1/reconciliation'],
      ['GET', '/api/v1/usage'],
      ['POST', '/api/v1/tokens'],
      ['POST', '/api/v1/enrollment-tokens'],
    ] as const) {
      const response = await server.call(method, path, method === 'POST' ? {} : undefined);
      expect([method, path, response.status]).toEqual([method, path, 401]);
    }
  });
});
