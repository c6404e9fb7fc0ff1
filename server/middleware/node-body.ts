// A body read straight from Node's request stream, for the hottest write route (usage uploads from the whole fleet).
// Hono's own body reading first builds a web Request around Node's request and reads it through web streams, which
// cost more than the rest of an upload's handling. The bytes and their text are put where Hono keeps a read body
// (its `json()` parses the kept text), so the validators downstream work as usual. Without Node's request (tests
// through app.request), the usual body limit runs instead.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isJsonType } from './request-body.ts';

type BodyCache = { arrayBuffer?: Promise<ArrayBuffer>; text?: Promise<string> };

const incomingOf = (c: Context) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** True once the body was read by `readNodeBody` (a body limit in front of it has nothing left to do). */
export const bodyAlreadyRead = (c: Context) => (c.req.bodyCache as BodyCache).arrayBuffer !== undefined;

/**
 * The body's bytes, or null once it passes `maxSize`. The stream is then only paused, never destroyed (that would
 * drop the socket before the 413 goes out); the reply closes the connection.
 */
function readLimited(incoming: IncomingMessage, maxSize: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxSize) {
        chunks.push(chunk);
        return;
      }
      stop();
      incoming.pause();
      resolve(null);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

/**
 * Reads a JSON body of at most `maxSize` bytes from Node's request; `onTooLarge` throws the route's 413. Bodies of
 * any other type are left to the validators (which refuse them with 415).
 */
export function readNodeBody(maxSize: number, onTooLarge: () => never): MiddlewareHandler {
  const fallback = bodyLimit({ maxSize, onError: onTooLarge });
  return async function readNodeBodyMiddleware(c, next) {
    const incoming = incomingOf(c);
    if (!incoming || incoming.readableEnded || !isJsonType(c.req.header('content-type'))) return fallback(c, next);
    if (Number(c.req.header('content-length') ?? 0) > maxSize) onTooLarge();
    const bytes = await readLimited(incoming, maxSize);
    if (bytes === null) onTooLarge();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const cache = c.req.bodyCache as BodyCache;
    cache.arrayBuffer = Promise.resolve(buffer);
    // Kept as text, not as parsed JSON: Hono's `json()` reads the text and parses it (once). With only other forms
    // kept it would rebuild a web Response around them to get the text.
    cache.text = Promise.resolve(bytes.toString('utf8'));
    await next();
  };
}
