// What a request says about its body: whether it has one and whether it is JSON (for 415 and Connection: close).
import type { Context, MiddlewareHandler } from 'hono';
import { Invalid, UnsupportedMediaType } from '../errors.ts';

const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json$/i;

/** True when the request announces a body (a length above zero, or a chunked one). */
export function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if (length !== undefined) return Number(length) > 0;
  return c.req.header('transfer-encoding') !== undefined;
}

export function isJsonType(contentType: string | undefined): boolean {
  return JSON_TYPE.test((contentType ?? '').split(';')[0]!.trim());
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A route that takes JSON refuses any other body with 415 instead of reading it as `{}`, and a body that is not
 * valid UTF-8 with 400 instead of storing U+FFFD in its place. A request without a body and without a type passes
 * (its fields are then all missing, which the schema judges).
 */
export function requireJsonBody(): MiddlewareHandler {
  return async function requireJsonBodyMiddleware(c, next) {
    const contentType = c.req.header('content-type');
    if ((contentType !== undefined || hasBody(c)) && !isJsonType(contentType)) {
      throw new UnsupportedMediaType(
        'unsupported_media_type',
        'Send this request as JSON, with the header Content-Type: application/json.',
      );
    }
    if (contentType !== undefined) {
      // Hono keeps the bytes read here, and the JSON validator parses them from that cache.
      try {
        strictUtf8.decode(await c.req.arrayBuffer());
      } catch (error) {
        if (error instanceof TypeError)
          throw new Invalid('invalid_json', 'The body is not valid UTF-8 text; send JSON encoded as UTF-8.');
        throw error;
      }
    }
    await next();
  };
}

/**
 * A reply to a request whose body may be left unread (too large, the wrong type, refused before reading) closes the
 * connection: otherwise the server drops the socket while draining and the client's next request on it dies.
 */
export function closeAfterUnreadBody(): MiddlewareHandler {
  return async function closeAfterUnreadBodyMiddleware(c, next) {
    await next();
    if ((c.res.status === 401 || c.res.status === 413 || c.res.status === 415) && hasBody(c))
      c.res.headers.set('Connection', 'close');
  };
}
