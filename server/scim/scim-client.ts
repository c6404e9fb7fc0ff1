// Talks to one vendor's SCIM 2.0 endpoint: a bearer token, a timeout per request, a deadline for the whole job,
// retries of 429, 5xx and lost connections with backoff (the vendor's Retry-After honoured), TLS always verified,
// and no loopback or private address unless allowed. Never puts the token in an error or a log.
import { Agent, fetch } from 'undici';
import { backoffDelayMs } from '../domain/backoff.ts';
import { retryAfterMs } from '../domain/scim/retry-after.ts';
import { checkLiteralHost, PrivateAddressRefused, publicOnlyLookup } from './outbound-address.ts';

export type ScimClientOptions = {
  baseUrl: string;
  token: string;
  allowPrivate: boolean;
  /** Each request's own limit. */
  requestTimeoutMs: number;
  /** Epoch ms after which no request starts and no retry waits. */
  deadline: number;
  /** Attempts per request, the first included. */
  attempts: number;
  backoffBaseMs: number;
  /** The longest wait between attempts, Retry-After included. */
  maxWaitMs: number;
  now?: () => number;
};

export type ScimReply = { status: number; body: unknown };

/** What went wrong talking to the vendor, in words; `status` is the vendor's HTTP status when it answered. */
export class ScimCallError extends Error {
  override name = 'ScimCallError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Every retry made, for the run record: what the vendor said and how long was waited. */
export type RetryNote = { status: number | null; waitedMs: number; retryAfter: boolean };

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const RETRIED = new Set([429, 500, 502, 503, 504]);

const privateAgent = new Agent({ connect: { rejectUnauthorized: true } });
const publicAgent = new Agent({ connect: { rejectUnauthorized: true, lookup: publicOnlyLookup } });

/** The SCIM error's detail (RFC 7644 3.12), or the start of the body, as one short line. */
function vendorMessage(text: string): string {
  let said = text;
  try {
    const json = JSON.parse(text) as { detail?: unknown; message?: unknown };
    said = String(json.detail ?? json.message ?? text);
  } catch {}
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a vendor's text goes on one line, no control characters
  const line = said.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function describeFailure(error: unknown): string {
  if (error instanceof PrivateAddressRefused) return error.message;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof PrivateAddressRefused) return cause.message;
  const code = (cause as { code?: string } | undefined)?.code;
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    return `the vendor's TLS certificate could not be verified (${code})`;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND') return 'the host name does not resolve';
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message;
}

export function createScimClient(options: ScimClientOptions) {
  const now = options.now ?? Date.now;
  const base = new URL(options.baseUrl.replace(/\/+$/, ''));
  const retries: RetryNote[] = [];

  async function attempt(method: string, url: URL, body: unknown): Promise<ScimReply> {
    const left = options.deadline - now();
    if (left <= 0) throw new ScimCallError("the sync's deadline passed before the vendor answered", null);
    const timeoutMs = Math.min(options.requestTimeoutMs, left);
    if (!options.allowPrivate) {
      try {
        checkLiteralHost(url.hostname);
      } catch (error) {
        throw new ScimCallError((error as Error).message, null);
      }
    }
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/scim+json, application/json',
          'user-agent': 'Seatwise-Connector/1',
          ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        dispatcher: options.allowPrivate ? privateAgent : publicAgent,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError')
        throw new RetryableError(`the vendor did not answer within ${Math.round(timeoutMs / 1000)} s`, null, null);
      const message = describeFailure(error);
      if (error instanceof PrivateAddressRefused || /private address|TLS certificate/.test(message))
        throw new ScimCallError(message, null);
      throw new RetryableError(message, null, null);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) throw new ScimCallError('the vendor answered more than 20 MB', response.status);
    const text = await response.text();
    if (RETRIED.has(response.status)) {
      throw new RetryableError(
        `the vendor answered ${response.status}: ${vendorMessage(text)}`,
        response.status,
        response.headers.get('retry-after'),
      );
    }
    if (response.status >= 400)
      throw new ScimCallError(`the vendor answered ${response.status}: ${vendorMessage(text)}`, response.status);
    let parsed: unknown = null;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ScimCallError('the vendor answered something that is not JSON', response.status);
      }
    }
    return { status: response.status, body: parsed };
  }

  /** One request with its retries; a 4xx other than 429 is the vendor's final answer and is not retried. */
  async function request(
    method: 'GET' | 'PATCH' | 'DELETE',
    path: string,
    init: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<ScimReply> {
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
    for (let failures = 1; ; failures += 1) {
      try {
        return await attempt(method, url, init.body);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        if (failures >= options.attempts)
          throw new ScimCallError(`${error.message} (after ${failures} attempts)`, error.status);
        const asked = retryAfterMs(error.retryAfter, now(), options.maxWaitMs);
        const wait =
          asked ??
          backoffDelayMs(
            { baseMs: options.backoffBaseMs, capMs: options.maxWaitMs, jitter: { low: 0.5, span: 0.5 } },
            failures,
            Math.random(),
          );
        if (now() + wait >= options.deadline)
          throw new ScimCallError(`${error.message}; the sync's deadline leaves no time to retry`, error.status);
        retries.push({ status: error.status, waitedMs: wait, retryAfter: asked !== null });
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  return { request, retries };
}

export type ScimClient = ReturnType<typeof createScimClient>;

class RetryableError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfter: string | null,
  ) {
    super(message);
  }
}
