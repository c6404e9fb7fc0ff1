// Every check of the ID token against a real provider that misbehaves on request: a tampered signature, another
// audience, an expired token, a replayed nonce or callback, a rotated key, clocks apart; and a provider that is down
// or refuses the client secret. Each refusal is a page a person can act on, and stores nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callback, ssoSettings, ssoSignIn } from '../support/oidc/sso-flow.ts';
import { startTestProvider, type TestProvider } from '../support/oidc/test-provider.ts';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';

let provider: TestProvider;
let server: TestServer;
beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: ['http://localhost/auth/sso/callback'] });
  server = await createTestServer({ sso: ssoSettings(provider.issuer) });
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});
afterEach(async () => {
  await provider.setIdTokenMode('as-issued');
  await provider.setClockOffset(0);
});

const userEmails = async () => {
  const { json } = await server.call('GET', '/api/v1/users', undefined, await server.login());
  return (json as { email: string }[]).map((user) => user.email).sort();
};

/** A page for a person: a title, no stack trace, no code. */
function expectPlainPage(html: string, title: string) {
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(html).not.toMatch(/\bat .*\.(ts|js):\d+|Error:|OAUTH_/);
  expect(html).toContain('<a href="/auth/sso">Try again</a>');
}

describe('an ID token that fails a check signs nobody in and stores nothing', () => {
  it.each([
    ['tampered-signature', 'This sign-in could not be verified', 'signature does not verify'],
    ['wrong-audience', 'This sign-in could not be verified', 'ID token&#39;s aud is not this sign-in&#39;s'],
    ['expired', 'This sign-in has expired', 'ID token&#39;s exp check failed'],
  ] as const)('%s', async (mode, title, detail) => {
    const before = await userEmails();
    await provider.setIdTokenMode(mode);
    const attempt = await ssoSignIn(server, 'grace');
    expect(attempt.status).toBe(401);
    expectPlainPage(attempt.html, title);
    expect(attempt.html).toContain(detail);
    expect(attempt.cookie).toBeUndefined();
    expect(await userEmails()).toEqual(before);
  });

  it("replayed: another sign-in's ID token (its nonce) is refused", async () => {
    await ssoSignIn(server, 'ada');
    await provider.setIdTokenMode('replayed');
    const attempt = await ssoSignIn(server, 'ada');
    expect(attempt.status).toBe(401);
    expectPlainPage(attempt.html, 'This sign-in could not be verified');
    expect(attempt.html).toContain('ID token&#39;s nonce is not this sign-in&#39;s');
    expect(attempt.cookie).toBeUndefined();
  });

  it('replayed: a callback used once does not sign in again, with or without its cookie', async () => {
    const first = await ssoSignIn(server, 'linus');
    expect(first.status).toBe(302);
    const again = await callback(server, first.callbackUrl, first.transactionCookie);
    expect(again.status).toBe(401);
    expect(again.cookie).toBeUndefined();
    const bare = await callback(server, first.callbackUrl, null);
    expect(bare.status).toBe(400);
    expectPlainPage(bare.html, 'This sign-in has expired or was already used');
  });

  it('a transaction cookie altered in the browser is refused', async () => {
    const start = await server.app.request('http://localhost/auth/sso');
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const altered = `${cookie.slice(0, -4)}AAAA`;
    const attempt = await callback(server, 'http://localhost/auth/sso/callback?code=x&state=y', altered);
    expect(attempt.status).toBe(400);
  });
});

describe('keys and clocks', () => {
  it('picks up a rotated signing key at the next sign-in', async () => {
    expect((await ssoSignIn(server, 'grace')).status).toBe(302);
    await provider.rotateKeys();
    const after = await ssoSignIn(server, 'grace');
    expect(after.status).toBe(302);
    expect(after.cookie).toBeDefined();
  });

  it('accepts a provider clock 30 s off (within the minute) and refuses one 2 minutes off', async () => {
    await provider.setClockOffset(30);
    expect((await ssoSignIn(server, 'grace')).status).toBe(302);
    await provider.setClockOffset(-30);
    expect((await ssoSignIn(server, 'grace')).status).toBe(302);
    for (const offset of [120, -120]) {
      await provider.setClockOffset(offset);
      const attempt = await ssoSignIn(server, 'grace');
      expect(attempt.status).toBe(401);
      expectPlainPage(attempt.html, 'The clocks of Seatwise and Test IdP disagree');
      expect(attempt.html).toContain(offset > 0 ? 'ahead of' : 'behind');
    }
  });
});

describe('a provider Seatwise cannot use', () => {
  it('down: a page saying the provider cannot be reached, and no transaction started', async () => {
    const down = await startTestProvider({ redirectUris: ['http://localhost/auth/sso/callback'] });
    const issuer = down.issuer;
    await down.stop();
    const unreachable = await createTestServer({ sso: ssoSettings(issuer) });
    try {
      const start = await unreachable.app.request('http://localhost/auth/sso');
      expect(start.status).toBe(502);
      const html = await start.text();
      expectPlainPage(html, 'Cannot reach Test IdP');
      expect(html).toContain('ECONNREFUSED');
      expect(start.headers.getSetCookie()).toEqual([]);
    } finally {
      await unreachable.close();
    }
  });

  it('wrong client secret: a page telling the administrator which settings to compare', async () => {
    const misconfigured = await createTestServer({
      sso: ssoSettings(provider.issuer, { clientSecret: 'not-the-registered-secret' }),
    });
    try {
      const attempt = await ssoSignIn(misconfigured, 'grace');
      expect(attempt.status).toBe(502);
      expectPlainPage(attempt.html, 'Test IdP does not accept Seatwise&#39;s credentials');
      expect(attempt.html).toContain('SEATWISE_OIDC_CLIENT_SECRET');
      expect(attempt.html).not.toContain('not-the-registered-secret');
      const { json } = await misconfigured.call('GET', '/api/v1/users', undefined, await misconfigured.login());
      expect(json.map((user: { email: string }) => user.email)).toEqual([ADMIN.email]);
    } finally {
      await misconfigured.close();
    }
  });
});
