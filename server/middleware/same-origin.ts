// CSRF defence in depth beside SameSite=Strict: a browser's unsafe request must come from our own origin.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginWrites(publicUrl?: string): MiddlewareHandler {
  const publicHost = publicUrl ? new URL(publicUrl).host : null;
  return async function sameOriginWritesMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    // Non-browser clients send no Origin and cannot be tricked into sending a cookie.
    if (origin === undefined) return next();
    // Extensions authenticate with bearer tokens, which a forged cross-site request cannot carry.
    if (/^(chrome|moz|ms-browser|safari-web)-extension:\/\//.test(origin)) return next();
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    const ownHost = publicHost ?? c.req.header('host') ?? new URL(c.req.url).host;
    if (originHost !== ownHost) {
      throw new AppError(403, 'cross_origin_request', 'Requests that change data must come from the Seatwise dashboard itself.');
    }
    return next();
  };
}
