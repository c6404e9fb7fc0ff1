// What the server knows about its identity provider (DESIGN section 9), as the environment configured it.
import type { Role } from '../contract.ts';
import type { RoleMapping } from '../domain/sso-roles.ts';

export type PasswordLogin = 'on' | 'admins' | 'off';

export type SsoSettings = {
  issuer: string;
  clientId: string;
  /** Never logged, never in a reply. */
  clientSecret: string;
  /** Shown as "Sign in with <name>". */
  name: string;
  /** What is asked for: openid and email at least; `groups` at Okta so the ID token carries them. */
  scopes: string;
  /** The ID-token claim the role is read from (groups, roles, ...). */
  roleClaim: string;
  mapping: RoleMapping;
  /** The role of someone in no mapped group; null refuses them. */
  defaultRole: Role | null;
};
