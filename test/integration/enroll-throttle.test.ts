// Enrollment over real HTTP from several loopback addresses: the per-address and per-token limits answer 429 with
// Retry-After without touching other addresses, and 50 enrolls sent at once all succeed (none 500).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENROLL_PER_ADDRESS, ENROLL_PER_TOKEN } from '../../server/auth/enroll-throttle.ts';
import { postJsonFrom, type AddressedReply as Reply } from '../support/post-from.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let base: URL;
let token: string;

beforeEach(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
  base = new URL(await server.listen());
  token = (await server.call('POST', '/api/v1/enrollment-tokens', { label: 'fleet' }, await server.login())).json.token;
});
afterEach(async () => server.close());

/** An enrollment sent from the given loopback address. */
const enrollFrom = (from: string, email: string, enrollmentToken = token): Promise<Reply> =>
  postJsonFrom(base, from, '/api/v1/devices/enroll', {
    enrollmentToken,
    email,
    browser: 'chrome',
    extensionVersion: '1.0.0',
  });

/** `count` enrollments from `from`, ten in flight at a time; their statuses. */
async function enrollMany(from: string, count: number, prefix: string, enrollmentToken = token): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
      enrollFrom(from, `${prefix}${i + j}@example.com`, enrollmentToken),
    );
    statuses.push(...(await Promise.all(batch)).map((reply) => reply.status));
  }
  return statuses;
}

const devices = async () => Number((await server.db.$client.execute('select count(*) as n from devices')).rows[0]!.n);

describe('enrollment rate limits', () => {
  const limitPerAddress =
    `allows ${ENROLL_PER_ADDRESS.limit} a minute from one address, then 429 with Retry-After; ` +
    'another address is not slowed';
  it(limitPerAddress, async () => {
    const statuses = await enrollMany('127.0.0.2', ENROLL_PER_ADDRESS.limit, 'nat-');
    expect(statuses.every((s) => s === 201)).toBe(true);
    server.clock.now = new Date('2026-11-20T12:00:20Z');
    const throttled = await enrollFrom('127.0.0.2', 'one-more@example.com');
    expect(throttled).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfter: '40' });
    // Guessing tokens counts too: the address is throttled before the token is looked at.
    expect(await enrollFrom('127.0.0.2', 'guess@example.com', 'swe_guess')).toMatchObject({ status: 429 });
    expect(await devices()).toBe(ENROLL_PER_ADDRESS.limit);

    expect((await enrollFrom('127.0.0.1', 'owner@example.com')).status).toBe(201);
    server.clock.now = new Date('2026-11-20T12:01:00Z');
    expect((await enrollFrom('127.0.0.2', 'next-minute@example.com')).status).toBe(201);
  });

  const limitPerToken =
    `allows ${ENROLL_PER_TOKEN.limit} a minute with one token over all addresses, then 429; ` +
    'another token is not slowed';
  it(limitPerToken, async () => {
    const addresses = Math.ceil(ENROLL_PER_TOKEN.limit / ENROLL_PER_ADDRESS.limit);
    let left = ENROLL_PER_TOKEN.limit;
    for (let a = 0; a < addresses; a++) {
      const count = Math.min(left, ENROLL_PER_ADDRESS.limit);
      const statuses = await enrollMany(`127.0.1.${a + 1}`, count, `site${a}-`);
      expect(statuses.every((s) => s === 201)).toBe(true);
      left -= count;
    }
    const throttled = await enrollFrom('127.0.2.1', 'over@example.com');
    expect(throttled).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfter: '60' });
    const other = (await server.call('POST', '/api/v1/enrollment-tokens', { label: 'other' }, await server.login()))
      .json.token;
    expect((await enrollFrom('127.0.2.1', 'other-token@example.com', other)).status).toBe(201);
    expect(await devices()).toBe(ENROLL_PER_TOKEN.limit + 1);
  });
});

describe('enrollment counters', () => {
  it('are forgotten after a quiet day', async () => {
    expect((await enrollFrom('127.0.0.2', 'monday@example.com')).status).toBe(201);
    server.clock.now = new Date('2026-11-21T13:00:00Z');
    expect((await enrollFrom('127.0.0.3', 'tuesday@example.com')).status).toBe(201);
    const keys = (await server.db.$client.execute('select key from rate_limits order by key')).rows.map((row) =>
      String(row.key),
    );
    expect(keys).toEqual(['enroll:address:127.0.0.3', expect.stringMatching(/^enroll:token:\d+$/)]);
  });
});

describe('parallel enrollment on one file database', () => {
  const fiftyAtOnce =
    '50 enrolls sent at once over real HTTP all answer 201, each with its person, device and audit entry';
  it(fiftyAtOnce, async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => enrollFrom('127.0.0.1', `parallel-${i}@example.com`)),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(201));
    const { rows } = await server.db.$client.execute(
      'select (select count(*) from people) as people, (select count(*) from devices) as devices, ' +
        "(select count(*) from audit_log where action = 'device.enroll') as audits",
    );
    expect({ ...rows[0] }).toEqual({ people: 50, devices: 50, audits: 50 });
  });
});
