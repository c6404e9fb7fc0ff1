import { describe, expect, it } from 'vitest';
import { effectiveTokenRole, type TokenMaker, tokenActsAs } from '../../server/auth/token-role.ts';
import type { Role } from '../../server/contract.ts';

describe('an API token acts with at most its maker’s current role', () => {
  it.each([
    ['admin', 'admin', 'admin'],
    ['viewer', 'admin', 'viewer'],
    ['it', 'admin', 'it'],
    ['admin', 'finance', 'finance'],
    ['admin', 'it', 'it'],
    ['admin', 'viewer', 'viewer'],
    ['finance', 'finance', 'finance'],
    ['finance', 'it', 'viewer'],
    ['it', 'finance', 'viewer'],
    ['it', 'viewer', 'viewer'],
    ['viewer', 'it', 'viewer'],
    ['admin', null, 'admin'],
    ['finance', null, 'finance'],
  ] as const)('a %s token made by someone now %s acts as %s', (tokenRole, makerRole, expected) => {
    expect(effectiveTokenRole(tokenRole, makerRole)).toBe(expected);
  });
});

describe('a token acts with no role once it is revoked or its maker is gone or disabled', () => {
  const REVOKED = new Date('2026-11-01T00:00:00Z');
  const maker = (role: Role | null, disabledAt: Date | null = null): TokenMaker => ({ id: 7, role, disabledAt });
  it.each<[string, { role: Role; revokedAt: Date | null }, TokenMaker, Role | null]>([
    ['a live token of an admin', { role: 'it', revokedAt: null }, maker('admin'), 'it'],
    ['a live token of someone now finance', { role: 'it', revokedAt: null }, maker('finance'), 'viewer'],
    ['a revoked token', { role: 'it', revokedAt: REVOKED }, maker('admin'), null],
    ['a token of a deleted user', { role: 'viewer', revokedAt: null }, maker(null), null],
    ['a token of a disabled user', { role: 'viewer', revokedAt: null }, maker('admin', REVOKED), null],
    ['a command-line token', { role: 'admin', revokedAt: null }, { id: null, role: null, disabledAt: null }, 'admin'],
    [
      'a revoked command-line token',
      { role: 'admin', revokedAt: REVOKED },
      { id: null, role: null, disabledAt: null },
      null,
    ],
  ])('%s: acts as the role given', (_name, token, tokenMaker, expected) => {
    expect(tokenActsAs(token, tokenMaker)).toBe(expected);
  });
});
