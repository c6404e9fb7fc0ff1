// CSRF defence in depth beside SameSite=Strict: a browser's unsafe request must come from our own origin.
import type { Context, MiddlewareHandler } from 'hono';
import { Forbidden } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXTENSION_ORIGIN = /^(chrome|moz|ms-browser|safari-web)-extension:\/\/[^/]+$/i;
/** The extension's own routes: it calls them from its origin with a bearer token a forged request cannot carry. */
const DEVICE_ROUTES = new Set(['/api/v1/devices/enroll', '/api/v1/devices/usage']);

/**
 * Scheme, host and port as the dashboard sees them: the public URL, else this request's (behind a TLS proxy, its
 * scheme).
 */
function ownOrigin(c: Context, publicOrigin: string | null): string {
  if (publicOrigin) return publicOrigin;
  const url = new URL(c.req.url);
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : url.protocol.replace(':', '');
  return `${scheme}://${c.req.header('host') ?? url.host}`;
}

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function sameOriginWrites(publicUrl?: string): MiddlewareHandler {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  return async function sameOriginWritesMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    // Non-browser clients send no Origin and cannot be tricked into sending a cookie.
    if (origin === undefined) return next();
    if (EXTENSION_ORIGIN.test(origin) && DEVICE_ROUTES.has(c.req.path)) return next();
    // new URL() normalises default ports and case, so http://Host:80 is http://host.
    const expected = ownOrigin(c, publicOrigin);
    if (originOf(origin) !== originOf(expected)) {
      throw new Forbidden(
        'cross_origin_request',
        `Requests that change data must come from the Seatwise dashboard itself (${originOf(expected) ?? expected}), ` +
          `not ${originOf(origin) ?? 'an unknown origin'}. Behind a proxy, set SEATWISE_PUBLIC_URL.`,
      );
    }
    return next();
  };
}
