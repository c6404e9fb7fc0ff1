// Who is calling, as every layer names them: a signed-in user or an API token, how the audit log writes them, and
// the reply of /me.
import type { Me, Role } from '../contract.ts';

export type Principal =
  | { kind: 'user'; userId: number; email: string; role: Role }
  | {
      kind: 'token';
      tokenId: number;
      name: string;
      role: Role;
      /** The user who made the token; null for the command line. */
      makerId: number | null;
    };

/** The user on whose behalf a change is made: the signed-in user, or the maker of the token in use. */
export function makerOf(principal: Principal | null): number | null {
  if (!principal) return null;
  return principal.kind === 'user' ? principal.userId : principal.makerId;
}

/** How the principal is named in the audit log. */
export function actorOf(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'user' ? `user:${principal.email}` : `token:${principal.name}`;
}

export const meOf = (principal: Principal): Me =>
  principal.kind === 'user'
    ? { id: principal.userId, email: principal.email, role: principal.role }
    : { id: principal.tokenId, email: `token:${principal.name}`, role: principal.role };
