// The tests' OpenID provider itself: discovery, and its key rotation switch does what the SSO tests rely on (a test
// of SSO that passed because the switch did nothing would prove nothing); its clock switch is proved by the clock-skew
// test in sso-id-token.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../support/oidc/test-provider.ts';

describe('the test OpenID provider', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({ redirectUris: ['http://localhost/auth/sso/callback'] });
  });
  afterAll(() => provider?.stop());

  const discovery = async () =>
    (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;

  it('describes itself at its issuer, with groups among its claims and an end-session endpoint', async () => {
    const document = await discovery();
    expect(document.issuer).toBe(provider.issuer);
    expect(document.claims_supported).toContain('groups');
    expect(document.end_session_endpoint).toBe(`${provider.issuer}/session/end`);
  });

  it('publishes only the new key after a rotation', async () => {
    const jwks = async () =>
      ((await (await fetch((await discovery()).jwks_uri!)).json()) as { keys: { kid: string }[] }).keys;
    const before = await jwks();
    const { kid } = await provider.rotateKeys();
    const after = await jwks();
    expect(after.map((key) => key.kid)).toEqual([kid]);
    expect(before.map((key) => key.kid)).not.toContain(kid);
  });
});
