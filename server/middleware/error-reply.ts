// The one way an error becomes a reply: Seatwise's own errors by kind, Hono's by status, anything else logged as 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contract.ts';
import {
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  RateLimited,
  SeatwiseError,
  TooLarge,
  Unauthenticated,
  Unavailable,
  UnsupportedMediaType,
  UpstreamFailed,
} from '../errors.ts';
import { logError } from '../safe-log.ts';

type ErrorKind = abstract new (...args: never[]) => SeatwiseError;

const STATUS_OF_KIND: ReadonlyArray<readonly [ErrorKind, ContentfulStatusCode]> = [
  [Invalid, 400],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [TooLarge, 413],
  [UnsupportedMediaType, 415],
  [RateLimited, 429],
  [UpstreamFailed, 502],
  [Unavailable, 503],
];

/** Hono's own rejections (a malformed JSON body, an unknown method) carry only a status. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

export function statusOf(error: SeatwiseError): ContentfulStatusCode {
  return STATUS_OF_KIND.find(([kind]) => error instanceof kind)?.[1] ?? 500;
}

export function errorReply(error: Error, c: Context): Response {
  if (error instanceof SeatwiseError) {
    if (error instanceof RateLimited) c.header('Retry-After', String(error.retryAfterSeconds));
    return c.json(errorBody(error.code, error.message), statusOf(error));
  }
  if (error instanceof HTTPException && error.status < 500) {
    const malformedJson = error.status === 400 && /malformed json/i.test(error.message);
    const code = malformedJson ? 'invalid_json' : (CODE_OF_STATUS[error.status] ?? 'bad_request');
    const message = error.message || 'The request could not be handled.';
    return c.json(errorBody(code, message.endsWith('.') ? message : `${message}.`), error.status);
  }
  logError(`${c.req.method} ${c.req.path} failed`, error);
  return c.json(errorBody('internal_error', 'Something went wrong on the server; the error was logged.'), 500);
}
