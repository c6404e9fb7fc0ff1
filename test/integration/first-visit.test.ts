// What a browser meets before anyone signs in: robots.txt as text, and a session check that answers 200, not 401.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  // A dashboard with an index.html, so a path the server does not know would answer the dashboard's HTML.
  dir = mkdtempSync(join(tmpdir(), 'seatwise-dash-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Seatwise</title><div id="app"></div>');
  server = await createTestServer({ dashboardDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/robots.txt', () => {
  it('answers plain text that keeps crawlers out of the whole admin tool, not the dashboard HTML', async () => {
    const response = await server.app.request('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toBe('User-agent: *\nDisallow: /\n');
    expect(text).not.toContain('<');
  });
});

describe('GET /api/v1/session', () => {
  it('answers 200 with a null user before sign-in, while /me still answers 401 as the contract says', async () => {
    expect(await server.call('GET', '/api/v1/session')).toMatchObject({ status: 200, json: { user: null } });
    expect((await server.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('answers the signed-in user, the same as /me', async () => {
    const auth = await server.login();
    const me = await server.call('GET', '/api/v1/me', undefined, auth);
    const session = await server.call('GET', '/api/v1/session', undefined, auth);
    expect(session.status).toBe(200);
    expect(session.json).toEqual({ user: me.json });
    expect(session.json.user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
  });

  it('answers null for an expired or unknown session cookie, and after logout', async () => {
    expect(
      (await server.call('GET', '/api/v1/session', undefined, { cookie: 'seatwise_session=not-a-session' })).json,
    ).toEqual({ user: null });
    const auth = await server.login();
    await server.call('POST', '/api/v1/auth/logout', undefined, auth);
    expect((await server.call('GET', '/api/v1/session', undefined, auth)).json).toEqual({ user: null });
  });

  it('names an API token as /me does', async () => {
    const admin = await server.login();
    const { json } = await server.call('POST', '/api/v1/tokens', { name: 'nightly', role: 'viewer' }, admin);
    const session = await server.call('GET', '/api/v1/session', undefined, { bearer: json.token });
    expect(session.json.user).toMatchObject({ email: 'token:nightly', role: 'viewer' });
  });
});
