// Sign-in throttling over real HTTP from two loopback addresses: guesses from 127.0.0.2 are slowed down while the
// owner signs in from 127.0.0.1, successful sign-ins are never counted, and old counters are pruned.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJsonFrom, type AddressedReply as Reply } from '../support/post-from.ts';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let base: URL;

beforeAll(async () => {
  server = await createTestServer();
  base = new URL(await server.listen());
});
afterAll(async () => server?.close());

/** A sign-in sent from the given loopback address. */
const signIn = (from: string, email: string, password: string): Promise<Reply> =>
  postJsonFrom(base, from, '/api/v1/auth/login', { email, password });

const advance = (ms: number) => (server.clock.now = new Date(server.clock.now.getTime() + ms));

describe('sign-in throttling', () => {
  it('successful sign-ins are not counted', async () => {
    for (let i = 0; i < 15; i++) expect((await signIn('127.0.0.1', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('slows guesses from one address without locking the owner out at another', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('127.0.0.2', ADMIN.email, `guess-${i}`)).status).toBe(401);
    const throttled = await signIn('127.0.0.2', ADMIN.email, ADMIN.password);
    expect(throttled).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfter: '60' });

    expect((await signIn('127.0.0.1', ADMIN.email, ADMIN.password)).status).toBe(200);
    // A typo by the owner at their own address is just a typo.
    expect((await signIn('127.0.0.1', ADMIN.email, 'typo')).status).toBe(401);
    expect((await signIn('127.0.0.1', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('waits twice as long after each further wrong guess, with no window boundary to slip through', async () => {
    advance(60_000);
    expect((await signIn('127.0.0.2', ADMIN.email, 'guess-after-wait')).status).toBe(401);
    expect(await signIn('127.0.0.2', ADMIN.email, 'guess-again')).toMatchObject({ status: 429, retryAfter: '120' });
    advance(119_000);
    expect(await signIn('127.0.0.2', ADMIN.email, 'guess-again')).toMatchObject({ status: 429, retryAfter: '1' });
  });

  it('stops one address spraying a password over many accounts', async () => {
    for (let i = 0; i < 20; i++)
      expect((await signIn('127.0.0.3', `person-${i}@example.com`, 'Winter2026!')).status).toBe(401);
    expect(await signIn('127.0.0.3', 'someone-else@example.com', 'Winter2026!')).toMatchObject({
      status: 429,
      retryAfter: String(15 * 60),
    });
    expect((await signIn('127.0.0.1', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('forgets counters after a quiet day and prunes them', async () => {
    advance(25 * 60 * 60 * 1000);
    expect((await signIn('127.0.0.2', ADMIN.email, ADMIN.password)).status).toBe(200);
    expect((await signIn('127.0.0.4', 'nobody@example.com', 'x')).status).toBe(401);
    const keys = (await server.db.$client.execute('select key from rate_limits order by key')).rows.map((row) =>
      String(row.key),
    );
    expect(keys).toEqual(['login:account:nobody@example.com|127.0.0.4', 'login:address:127.0.0.4']);
  });
});
