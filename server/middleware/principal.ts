// Resolves who is calling (a session cookie or an API token) and checks roles on every route.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app-env.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../contract.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import { withAccess } from '../openapi/route-meta.ts';
import { identifyApiToken, identifySession } from '../services/principals.ts';
import { readSessionCookie } from './session-cookie.ts';

// Routes of every area name the caller through here; the types and rules themselves live in auth/principal.ts.
export { actorOf, makerOf, type Principal } from '../auth/principal.ts';

export type PrincipalVariables = { principal: Principal | null };

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export function resolvePrincipal(
  db: AppDeps['db'],
  now: () => Date,
): MiddlewareHandler<{ Variables: PrincipalVariables }> {
  return async function resolvePrincipalMiddleware(c, next) {
    const bearer = bearerToken(c);
    let principal: Principal | null = null;
    if (bearer?.startsWith('swa_')) {
      principal = await identifyApiToken(db, bearer, now());
      if (!principal)
        throw new Unauthenticated(
          'invalid_token',
          'The API token is unknown, was revoked, or belongs to a user who was disabled.',
        );
    } else {
      const cookie = readSessionCookie(c);
      principal = cookie ? await identifySession(db, cookie, now()) : null;
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

/**
 * Marks a route as open to anyone (login, setup, health of the API description); the route checks what it needs
 * itself.
 */
export const allowAnyone = () =>
  withAccess<MiddlewareHandler>(
    async (_c, next) => {
      await next();
    },
    { kind: 'public' },
  );
