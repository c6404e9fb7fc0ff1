// Signing in through a real OpenID provider (oidc-provider on 127.0.0.1): users created at first sign-in with the
// mapped role, the role updated at every sign-in, disabled users refused, password-login modes, and signing out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoSettings, ssoSignIn } from '../support/oidc/sso-flow.ts';
import { startTestProvider, type TestProvider } from '../support/oidc/test-provider.ts';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({
    redirectUris: ['http://localhost/auth/sso/callback'],
    postLogoutRedirectUris: ['http://localhost/'],
  });
});
afterAll(() => provider?.stop());

describe('a person signing in through the identity provider', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ sso: ssoSettings(provider.issuer) });
  });
  afterAll(() => server?.close());

  it.each([
    ['ada', 'ada@example.com', 'admin'],
    ['grace', 'grace@example.com', 'finance'],
    ['linus', 'linus@example.com', 'it'],
    ['nobody', 'nobody@example.com', 'viewer'],
  ])(
    '%s gets a login at first sign-in with the role their groups map to, and lands on /',
    async (login, email, role) => {
      const attempt = await ssoSignIn(server, login);
      expect(attempt.status).toBe(302);
      expect(attempt.location).toBe('/');
      const me = await server.call('GET', '/api/v1/me', undefined, { cookie: attempt.cookie! });
      expect(me.json).toMatchObject({ email, role });
      const { json: users } = await server.call('GET', '/api/v1/users', undefined, await server.login());
      expect(users.filter((user: { email: string }) => user.email === email)).toEqual([
        expect.objectContaining({ email, role, disabled: false }),
      ]);
    },
  );

  it("takes the role from the claim again at every sign-in, over an admin's change", async () => {
    const admin = await server.login();
    await ssoSignIn(server, 'grace');
    const { json: users } = await server.call('GET', '/api/v1/users', undefined, admin);
    const grace = users.find((user: { email: string }) => user.email === 'grace@example.com');
    expect((await server.call('PATCH', `/api/v1/users/${grace.id}`, { role: 'viewer' }, admin)).status).toBe(200);
    const again = await ssoSignIn(server, 'grace');
    expect((await server.call('GET', '/api/v1/me', undefined, { cookie: again.cookie! })).json.role).toBe('finance');
  });

  it('refuses a disabled login with a page that says so, and opens no session', async () => {
    const admin = await server.login();
    await ssoSignIn(server, 'linus');
    const { json: users } = await server.call('GET', '/api/v1/users', undefined, admin);
    const linus = users.find((user: { email: string }) => user.email === 'linus@example.com');
    await server.call('PATCH', `/api/v1/users/${linus.id}`, { disabled: true }, admin);
    const attempt = await ssoSignIn(server, 'linus');
    expect(attempt.status).toBe(403);
    expect(attempt.html).toContain('Your Seatwise login is disabled');
    expect(attempt.html).toContain('linus@example.com');
    expect(attempt.cookie).toBeUndefined();
  });

  it('gives an SSO-only login no password that could sign in', async () => {
    await ssoSignIn(server, 'nobody');
    const attempt = await server.call('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'x' });
    expect(attempt.status).toBe(401);
  });

  it("ends the session at sign-out and sends the browser to the provider's end-session page", async () => {
    const { cookie } = await ssoSignIn(server, 'ada');
    const out = await server.app.request('http://localhost/auth/sso/logout', { headers: { cookie: cookie! } });
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(to.searchParams.get('client_id')).toBe('seatwise');
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost/');
    expect((await server.call('GET', '/api/v1/me', undefined, { cookie: cookie! })).status).toBe(401);
    const page = await fetch(to);
    expect(page.status).toBe(200);
  });

  it('tells the sign-in page about the provider', async () => {
    const { json } = await server.call('GET', '/api/v1/auth/methods');
    expect(json).toEqual({
      password: 'on',
      sso: { name: 'Test IdP', startUrl: '/auth/sso', signOutUrl: '/auth/sso/logout' },
    });
  });
});

describe('someone in no mapped group, with no default role', () => {
  it('is refused with a page naming them and what to ask for, and gets no login', async () => {
    const server = await createTestServer({ sso: ssoSettings(provider.issuer, { defaultRole: null }) });
    try {
      const attempt = await ssoSignIn(server, 'nobody');
      expect(attempt.status).toBe(403);
      expect(attempt.html).toContain('You have no Seatwise role');
      expect(attempt.html).toContain('nobody@example.com');
      expect(attempt.html).toContain('SEATWISE_OIDC_ROLES');
      const { json: users } = await server.call('GET', '/api/v1/users', undefined, await server.login());
      expect(users.map((user: { email: string }) => user.email)).toEqual([ADMIN.email]);
    } finally {
      await server.close();
    }
  });
});

describe('password sign-in modes', () => {
  it('admins: the break-glass admin signs in with a password, nobody else does, SSO still works', async () => {
    const server = await createTestServer({ sso: ssoSettings(provider.issuer), passwordLogin: 'admins' });
    try {
      expect((await server.call('POST', '/api/v1/auth/login', ADMIN)).status).toBe(200);
      const admin = await server.login();
      const finance = { email: 'fin@example.com', role: 'finance', password: 'a long finance password' };
      expect((await server.call('POST', '/api/v1/users', finance, admin)).status).toBe(201);
      const refused = await server.call('POST', '/api/v1/auth/login', finance);
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('password_login_admins_only');
      expect((await server.call('GET', '/api/v1/auth/methods')).json.password).toBe('admins');
      expect((await ssoSignIn(server, 'grace')).status).toBe(302);
    } finally {
      await server.close();
    }
  });

  it('off: no password signs in, not even an admin', async () => {
    const server = await createTestServer({ sso: ssoSettings(provider.issuer), passwordLogin: 'off' });
    try {
      const refused = await server.call('POST', '/api/v1/auth/login', ADMIN);
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('password_login_off');
      expect((await server.call('GET', '/api/v1/auth/methods')).json.password).toBe('off');
    } finally {
      await server.close();
    }
  });

  it('without SSO: /auth/sso does not exist and the sign-in page offers passwords only', async () => {
    const server = await createTestServer();
    try {
      expect((await server.app.request('http://localhost/auth/sso')).status).toBe(404);
      expect((await server.call('GET', '/api/v1/auth/methods')).json).toEqual({ password: 'on', sso: null });
    } finally {
      await server.close();
    }
  });
});
