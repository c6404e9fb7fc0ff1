// SEATWISE_OIDC_ROLES and the role a person's claim gives them; the "Sign in with" name; loopback issuers.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, providerNameOf } from '../../server/domain/sso-provider-name.ts';
import { parseRoleMapping, roleFromClaim } from '../../server/domain/sso-roles.ts';

describe('parseRoleMapping', () => {
  it.each([
    [
      'seatwise-admins=admin,it-ops=it',
      [
        { value: 'seatwise-admins', role: 'admin' },
        { value: 'it-ops', role: 'it' },
      ],
    ],
    [' finance = finance , ', [{ value: 'finance', role: 'finance' }]],
    // Entra's group ids and URL-like claim values keep their own '=' before the last one.
    ['a=b=viewer', [{ value: 'a=b', role: 'viewer' }]],
  ])('reads %j', (text, mapping) => {
    expect(parseRoleMapping(text)).toEqual({ mapping });
  });

  it.each([
    ['admins', /not claim-value=role/],
    ['=admin', /not claim-value=role/],
    ['ops=owner', /the role must be one of admin, it, finance, viewer/],
    [',', /names no claim-value=role entry/],
  ])('names what is wrong with %j', (text, problem) => {
    const parsed = parseRoleMapping(text);
    expect('problems' in parsed && parsed.problems.join('; ')).toMatch(problem);
  });
});

describe('roleFromClaim', () => {
  const mapping = [
    { value: 'seatwise-admins', role: 'admin' as const },
    { value: 'it-ops', role: 'it' as const },
    { value: 'finance', role: 'finance' as const },
  ];
  it.each([
    [['finance'], 'viewer', 'finance'],
    [['finance', 'it-ops'], 'viewer', 'it'],
    [['it-ops', 'seatwise-admins', 'finance'], 'viewer', 'admin'],
    ['finance', 'viewer', 'finance'],
    [['everyone'], 'viewer', 'viewer'],
    [['everyone'], null, null],
    [undefined, 'viewer', 'viewer'],
    [undefined, null, null],
    [[42, { group: 'finance' }], null, null],
  ] as const)('%j with fallback %s gives %s', (claim, fallback, role) => {
    expect(roleFromClaim(claim, mapping, fallback)).toBe(role);
  });
});

describe('providerNameOf', () => {
  it.each([
    ['https://example.okta.com', 'Okta'],
    ['https://example.oktapreview.com/oauth2/default', 'Okta'],
    ['https://login.microsoftonline.com/0000-tenant/v2.0', 'Microsoft'],
    ['https://accounts.google.com', 'Google'],
    ['https://sso.example.com/realms/staff', 'sso.example.com'],
  ])('%s is %s', (issuer, name) => {
    expect(providerNameOf(issuer)).toBe(name);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
