// CORS for the extension's routes. Preflights are hono's `cors`. An actual request gets its CORS headers after its
// handler, on the reply it made: hono's `cors` sets them on `c.res` before the handler runs, and a reply replacing
// one that already exists is rebuilt as a streamed Response, which cost a tenth of the server's time under a
// fleet's uploads (hundreds a second, each a few bytes).
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export type ExtensionCorsOptions = {
  /** The origin to allow, or null to allow none. */
  origin: (origin: string) => string | null;
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAge: number;
};

export function extensionCors(options: ExtensionCorsOptions): MiddlewareHandler {
  const preflight = cors(options);
  const exposed = options.exposeHeaders.join(',');
  return async function extensionCorsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const allowed = options.origin(c.req.header('origin') ?? '');
    const headers = c.res.headers;
    if (allowed) headers.set('Access-Control-Allow-Origin', allowed);
    if (exposed) headers.set('Access-Control-Expose-Headers', exposed);
    headers.append('Vary', 'Origin');
  };
}
