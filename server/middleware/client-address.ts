// The caller's network address: the socket's peer, or behind a trusted reverse proxy the address it forwarded.
import type { Context } from 'hono';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * With `trustProxy` the last X-Forwarded-For entry counts (the one the proxy itself added; earlier entries come from
 * the client and can be forged). Requests that did not come over a socket (tests calling the app) are `unknown`.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (forwarded && forwarded.length > 0) return forwarded[forwarded.length - 1]!;
  }
  const bindings = (c.env as ({ server?: NodeBindings } & NodeBindings) | undefined) ?? {};
  return (bindings.server ?? bindings).incoming?.socket?.remoteAddress ?? 'unknown';
}
