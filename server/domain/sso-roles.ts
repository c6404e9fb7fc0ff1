// Which Seatwise role a person gets from the identity provider's claim (SEATWISE_OIDC_ROLES), pure and table-tested.
import type { Role } from '../contract.ts';

/** One `group=role` entry of SEATWISE_OIDC_ROLES. */
export type RoleMapping = { value: string; role: Role }[];

const ROLES: readonly Role[] = ['admin', 'it', 'finance', 'viewer'];
/** When a person is in several mapped groups, the one that may do most wins. */
const RANK: Record<Role, number> = { admin: 0, it: 1, finance: 2, viewer: 3 };

const isRole = (text: string): text is Role => (ROLES as readonly string[]).includes(text);

/** `seatwise-admins=admin,it-ops=it`: the mapping, or what is wrong with each entry. */
export function parseRoleMapping(text: string): { mapping: RoleMapping } | { problems: string[] } {
  const mapping: RoleMapping = [];
  const problems: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const at = entry.lastIndexOf('=');
    const value = at > 0 ? entry.slice(0, at).trim() : '';
    const role = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!value) problems.push(`"${entry}" is not claim-value=role`);
    else if (!isRole(role)) problems.push(`"${entry}": the role must be one of ${ROLES.join(', ')}`);
    else mapping.push({ value, role });
  }
  if (problems.length === 0 && mapping.length === 0) problems.push('names no claim-value=role entry');
  return problems.length > 0 ? { problems } : { mapping };
}

/** The values a claim holds: a string (Google's `hd`, a single role), a list (groups), anything else none. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The role for a person with these claim values; `fallback` when none is mapped (null: no role, refused). */
export function roleFromClaim(claim: unknown, mapping: RoleMapping, fallback: Role | null): Role | null {
  const values = new Set(claimValues(claim));
  const mapped = mapping.filter((entry) => values.has(entry.value)).map((entry) => entry.role);
  if (mapped.length === 0) return fallback;
  return mapped.reduce((best, role) => (RANK[role] < RANK[best] ? role : best));
}
