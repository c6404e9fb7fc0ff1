// Resolves who is calling (a session cookie or an API token) and checks roles on every route.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import { withAccess } from '../openapi/route-meta.ts';
import { getApiTokenPrincipal } from '../queries/tokens.ts';
import { getSessionUser } from '../queries/users.ts';

export const SESSION_COOKIE = 'seatwise_session';

export type Principal =
  | { kind: 'user'; userId: number; email: string; role: Role }
  | {
      kind: 'token';
      tokenId: number;
      name: string;
      role: Role /** The user who made the token; null for the command line. */;
      makerId: number | null;
    };

export type PrincipalVariables = { principal: Principal | null };

/** How the principal is named in the audit log. */
/** The user on whose behalf a change is made: the signed-in user, or the maker of the token in use. */
export function makerOf(principal: Principal | null): number | null {
  if (!principal) return null;
  return principal.kind === 'user' ? principal.userId : principal.makerId;
}

export function actorOf(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'user' ? `user:${principal.email}` : `token:${principal.name}`;
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export function resolvePrincipal(db: Db, now: () => Date): MiddlewareHandler<{ Variables: PrincipalVariables }> {
  return async function resolvePrincipalMiddleware(c, next) {
    const bearer = bearerToken(c);
    let principal: Principal | null = null;
    if (bearer?.startsWith('swa_')) {
      const token = await getApiTokenPrincipal(db, bearer, now());
      if (!token)
        throw new Unauthenticated(
          'invalid_token',
          'The API token is unknown, was revoked, or belongs to a user who was disabled.',
        );
      principal = { kind: 'token', tokenId: token.id, name: token.name, role: token.role, makerId: token.makerId };
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const user = cookie ? await getSessionUser(db, cookie, now()) : null;
      if (user) principal = { kind: 'user', userId: user.id, email: user.email, role: user.role };
    }
    c.set('principal', principal);
    await next();
  };
}

/** Admin may do everything; other roles only what the route names. Reads are open to every signed-in role. */
export function requireRole(...roles: Role[]): MiddlewareHandler<{ Variables: PrincipalVariables }> {
  const allowed: Role[] = ['admin', ...roles.filter((role) => role !== 'admin')];
  return withAccess(
    async function requireRoleMiddleware(c, next) {
      const principal = c.get('principal');
      if (!principal) throw new Unauthenticated('unauthenticated', 'Sign in or send an API token to use this.');
      if (!allowed.includes(principal.role)) {
        throw new Forbidden('forbidden', `The ${principal.role} role may not do this.`);
      }
      await next();
    },
    { kind: 'roles', roles: allowed },
  );
}

export const ANY_ROLE: Role[] = ['admin', 'it', 'finance', 'viewer'];
export const requireSignedIn = () => requireRole(...ANY_ROLE);

/** Marks a route as open to anyone (login, setup, health of the API description); the route checks what it needs itself. */
export const allowAnyone = () =>
  withAccess<MiddlewareHandler>(
    async (_c, next) => {
      await next();
    },
    { kind: 'public' },
  );
