import { describe, expect, it } from 'vitest';
import { effectiveTokenRole } from '../../server/auth/token-role.ts';

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
