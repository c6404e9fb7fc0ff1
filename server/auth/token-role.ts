// What an API token may do: its own role, but never more than its maker may do now.
import type { Role } from '../contract.ts';

/**
 * The intersection of the token's role and its maker's current role. `it` and `finance` share only reading, so a
 * token of one made by a person who now has the other acts as a viewer. A token made with the command line has no
 * maker (`null`) and keeps its role: whoever runs the command line holds the database itself.
 */
export function effectiveTokenRole(tokenRole: Role, makerRole: Role | null): Role {
  if (makerRole === null || makerRole === 'admin' || makerRole === tokenRole) return tokenRole;
  if (tokenRole === 'admin') return makerRole;
  return 'viewer';
}

/** The maker of a token as stored: null role when the user no longer exists. */
export type TokenMaker = { id: number | null; role: Role | null; disabledAt: Date | null };

/**
 * The role a token acts with now, or null when it acts with none: revoked, or made by a user who is gone or disabled
 * (a token never outlives the access of the person who made it).
 */
export function tokenActsAs(token: { role: Role; revokedAt: Date | null }, maker: TokenMaker): Role | null {
  if (token.revokedAt !== null) return null;
  if (maker.id !== null && (maker.role === null || maker.disabledAt !== null)) return null;
  return effectiveTokenRole(token.role, maker.role);
}
