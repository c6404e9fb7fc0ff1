// API tokens belong to the user who made them: they stop working when that user is disabled and never act above
// that user's current role, even when the token was made for a higher one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/users.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let root: { cookie: string };
let makerId: number;
let maker: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  root = await server.login();
  makerId = (await createUser(server.db, 'maker@example.com', 'maker-password-1', 'admin')).id;
  maker = await server.login('maker@example.com', 'maker-password-1');
});
afterEach(async () => server?.close());

const users = async () =>
  (await server.call('GET', '/api/v1/users', undefined, root)).json.map((u: { email: string }) => u.email);

describe('a token outlives nobody', () => {
  it('answers 401 once its maker is disabled, and creates nothing', async () => {
    const { json } = await server.call('POST', '/api/v1/tokens', { name: 'provisioning', role: 'admin' }, maker);
    const bearer = { bearer: json.token as string };
    expect((await server.call('GET', '/api/v1/me', undefined, bearer)).json).toMatchObject({ role: 'admin' });

    await server.call('PATCH', `/api/v1/users/${makerId}`, { disabled: true }, root);
    const before = await users();
    const attempt = await server.call(
      'POST',
      '/api/v1/users',
      { email: 'intruder@example.com', role: 'admin', password: 'intruder-password' },
      bearer,
    );
    expect([attempt.status, attempt.json.error.code]).toEqual([401, 'invalid_token']);
    expect(await users()).toEqual(before);

    // Enabled again, the token works again: it was never revoked, only its maker's access paused.
    await server.call('PATCH', `/api/v1/users/${makerId}`, { disabled: false }, root);
    expect((await server.call('GET', '/api/v1/me', undefined, bearer)).status).toBe(200);
  });

  it('acts with the maker’s current role after a demotion', async () => {
    const { json } = await server.call('POST', '/api/v1/tokens', { name: 'automation', role: 'admin' }, maker);
    const bearer = { bearer: json.token as string };
    await server.call('PATCH', `/api/v1/users/${makerId}`, { role: 'finance' }, root);

    expect((await server.call('GET', '/api/v1/me', undefined, bearer)).json).toMatchObject({ role: 'finance' });
    const asAdmin = await server.call(
      'POST',
      '/api/v1/users',
      { email: 'x@example.com', role: 'admin', password: 'a-long-password-1' },
      bearer,
    );
    expect(asAdmin.status).toBe(403);
    const asFinance = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'flat', unitCost: 100, currency: 'USD' },
      bearer,
    );
    expect(asFinance.status).toBe(201);
  });

  it('a token made by a token belongs to the same person', async () => {
    const { json: first } = await server.call('POST', '/api/v1/tokens', { name: 'first', role: 'admin' }, maker);
    const { json: second } = await server.call(
      'POST',
      '/api/v1/tokens',
      { name: 'second', role: 'viewer' },
      { bearer: first.token },
    );
    await server.call('PATCH', `/api/v1/users/${makerId}`, { disabled: true }, root);
    expect((await server.call('GET', '/api/v1/me', undefined, { bearer: second.token })).status).toBe(401);
  });

  it('lists who made each token, what it acts as now, and when it was last used', async () => {
    const { json: made } = await server.call('POST', '/api/v1/tokens', { name: 'report', role: 'admin' }, maker);
    await server.call('GET', '/api/v1/me', undefined, { bearer: made.token });
    await server.call('PATCH', `/api/v1/users/${makerId}`, { role: 'it' }, root);
    const { json: list } = await server.call('GET', '/api/v1/tokens', undefined, root);
    expect(list).toEqual([
      expect.objectContaining({
        name: 'report',
        role: 'admin',
        createdBy: 'maker@example.com',
        actsAs: 'it',
        lastUsedAt: server.clock.now.toISOString(),
      }),
    ]);
    await server.call('PATCH', `/api/v1/users/${makerId}`, { disabled: true }, root);
    const { json: after } = await server.call('GET', '/api/v1/tokens', undefined, root);
    expect(after[0]).toMatchObject({ actsAs: null, revokedAt: null });
  });
});
