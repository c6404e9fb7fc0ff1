// The environment is parsed once at boot; every bad value is named.
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, ssoSettingsOf } from '../../server/env.ts';

const SSO = {
  SEATWISE_OIDC_ISSUER: 'https://example.okta.com',
  SEATWISE_OIDC_CLIENT_ID: 'seatwise',
  SEATWISE_OIDC_CLIENT_SECRET: 'client-secret-never-shown',
};

describe('parseEnv', () => {
  it('uses the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 8787,
      DATABASE_URL: 'file:data/seatwise.db',
      SEATWISE_SECURE_COOKIES: 'auto',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '' }).PORT).toBe(8787);
  });

  it.each([
    [
      { SEATWISE_ADMIN_EMAIL: 'a@example.com', SEATWISE_ADMIN_PASSWORD: 'short' },
      /SEATWISE_ADMIN_PASSWORD: must be at least 12 characters/,
    ],
    [{ SEATWISE_ADMIN_EMAIL: 'a@example.com' }, /must be set together/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL: must start with file:/],
    [
      { SEATWISE_SECRET_KEY: 'my secret passphrase' },
      /SEATWISE_SECRET_KEY: must be 32 random bytes as 64 hex digits or as base64/,
    ],
    [{ SEATWISE_SECRET_KEY: 'ab'.repeat(16) }, /SEATWISE_SECRET_KEY: must be 32 random bytes/],
    [{ DATABASE_URL: 'libsql://db.example.com' }, /SEATWISE_SECRET_KEY: is required with a remote database/],
    [{ ...SSO, SEATWISE_OIDC_ISSUER: 'http://sso.example.com' }, /SEATWISE_OIDC_ISSUER: must start with https:\/\//],
    [{ ...SSO, SEATWISE_OIDC_ISSUER: 'example.okta.com' }, /SEATWISE_OIDC_ISSUER: must be the issuer URL/],
    [{ SEATWISE_OIDC_ISSUER: SSO.SEATWISE_OIDC_ISSUER }, /CLIENT_ID and SEATWISE_OIDC_CLIENT_SECRET are required/],
    [{ SEATWISE_OIDC_CLIENT_ID: 'seatwise' }, /SEATWISE_OIDC_ISSUER: is required when/],
    [{ ...SSO, SEATWISE_OIDC_ROLES: 'admins' }, /SEATWISE_OIDC_ROLES: "admins" is not claim-value=role/],
    [{ ...SSO, SEATWISE_OIDC_ROLES: 'ops=root' }, /SEATWISE_OIDC_ROLES: "ops=root": the role must be one of/],
    [{ ...SSO, SEATWISE_OIDC_DEFAULT_ROLE: 'guest' }, /SEATWISE_OIDC_DEFAULT_ROLE: must be one of .*none/],
    [{ ...SSO, SEATWISE_OIDC_SCOPES: 'email groups' }, /SEATWISE_OIDC_SCOPES: must include openid/],
    [{ SEATWISE_PASSWORD_LOGIN: 'off' }, /SEATWISE_PASSWORD_LOGIN: admins or off needs single sign-on/],
    [{ ...SSO, SEATWISE_PASSWORD_LOGIN: 'sometimes' }, /SEATWISE_PASSWORD_LOGIN: must be on, admins or off/],
  ])('stops with a clear message for %o', (env, message) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(message);
  });

  it('reads SEATWISE_SECRET_KEY as 32 bytes and never repeats a bad one', () => {
    expect(
      parseEnv({ SEATWISE_SECRET_KEY: 'ab'.repeat(32), DATABASE_URL: 'libsql://db.example.com' }).SEATWISE_SECRET_KEY,
    ).toEqual(Buffer.alloc(32, 0xab));
    expect(() => parseEnv({ SEATWISE_SECRET_KEY: 'my secret passphrase' })).not.toThrow(/passphrase/);
  });

  it('reads single sign-on, with the documented defaults and an issuer on a loopback address over http', () => {
    const env = parseEnv({ ...SSO, SEATWISE_OIDC_ROLES: 'seatwise-admins=admin,finance=finance' });
    expect(ssoSettingsOf(env)).toEqual({
      issuer: 'https://example.okta.com',
      clientId: 'seatwise',
      clientSecret: 'client-secret-never-shown',
      name: 'Okta',
      scopes: 'openid email profile',
      roleClaim: 'groups',
      mapping: [
        { value: 'seatwise-admins', role: 'admin' },
        { value: 'finance', role: 'finance' },
      ],
      defaultRole: 'viewer',
    });
    expect(env.SEATWISE_PASSWORD_LOGIN).toBe('on');
    const local = parseEnv({
      ...SSO,
      SEATWISE_OIDC_ISSUER: 'http://127.0.0.1:9000',
      SEATWISE_OIDC_DEFAULT_ROLE: 'none',
    });
    expect(ssoSettingsOf(local)).toMatchObject({ name: '127.0.0.1', defaultRole: null });
    expect(ssoSettingsOf(parseEnv({}))).toBeNull();
  });

  it('never repeats the client secret in its complaints', () => {
    const secret = 'client-secret-never-shown';
    expect(() => parseEnv({ ...SSO, SEATWISE_OIDC_ISSUER: 'ftp://x', SEATWISE_OIDC_CLIENT_SECRET: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
