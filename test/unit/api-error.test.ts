// Both clients fail with the one ApiError of the contract, carrying the reply's status, code and message.
import { describe, expect, it } from 'vitest';
import { ApiError as DashboardApiError } from '../../dashboard/src/lib/api.ts';
import { deviceApi } from '../../extension/lib/device-api';
import { ApiError } from '../../server/contract/api-error.ts';

const replying =
  (status: number, body: string): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('ApiError', () => {
  it('is the class the dashboard API module exports', () => {
    expect(DashboardApiError).toBe(ApiError);
  });

  it('keeps status, code and message, and names itself', () => {
    const error = new ApiError(409, 'enrollment_token_used_up', 'This token has enrolled its last device.');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.status, error.code, error.message]).toEqual([
      'ApiError',
      409,
      'enrollment_token_used_up',
      'This token has enrolled its last device.',
    ]);
  });

  it.each<[string, typeof fetch, [number, string, string]]>([
    [
      "the server's ErrorBody",
      replying(403, JSON.stringify({ error: { code: 'email_not_allowed', message: 'Not this domain.' } })),
      [403, 'email_not_allowed', 'Not this domain.'],
    ],
    [
      'a proxy page',
      replying(502, '<html>Bad gateway</html>'),
      [502, 'http_502', 'POST /devices/enroll failed with HTTP 502'],
    ],
    [
      'a refused connection',
      async () => {
        throw new TypeError('fetch failed');
      },
      [0, 'network_error', 'Cannot reach http://seatwise.test: fetch failed'],
    ],
  ])('is what the extension throws for %s', async (_name, fetcher, [status, code, message]) => {
    const enrolling = deviceApi('http://seatwise.test', fetcher).enroll({
      enrollmentToken: 't',
      email: 'ann@example.com',
      browser: 'chrome',
      extensionVersion: '0.1.0',
    });
    const error = await enrolling.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).status, (error as ApiError).code, (error as ApiError).message]).toEqual([
      status,
      code,
      message,
    ]);
  });
});
