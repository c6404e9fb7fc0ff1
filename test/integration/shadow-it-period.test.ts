// Shadow IT over one period: the shadow_it alert and GET /discovered?since= (what the page asks) count the same
// people, the 30 days ending today; use on the 31st day back counts in neither.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shadowItSince } from '../../dashboard/src/lib/shadow-it.ts';
import { SHADOW_IT_WINDOW_DAYS } from '../../server/contract.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
beforeAll(async () => {
  server = await createTestServer(); // today is 2026-11-20
  admin = await server.login();
});
afterAll(async () => server.close());

async function upload(email: string, day: string) {
  const device = await server.enrollDevice(email, admin);
  const body = { records: [{ appId: 'figma', day, activeSeconds: 600, visits: 1, lastActiveAt: null }] };
  expect((await server.call('POST', '/api/v1/devices/usage', body, { bearer: device.deviceToken })).status).toBe(200);
}

it('counts the same users in the alert and on the page, over the 30 days ending today', async () => {
  expect(SHADOW_IT_WINDOW_DAYS).toBe(30);
  const since = shadowItSince('2026-11-20');
  expect(since).toBe('2026-10-22');
  await upload('first-day@example.com', '2026-10-22'); // the 30th day back: inside
  await upload('day-before@example.com', '2026-10-21'); // the 31st day back: outside
  await upload('yesterday@example.com', '2026-11-19');

  expect((await server.call('POST', '/api/v1/alerts/evaluate', undefined, admin)).status).toBe(200);
  const { json: alerts } = await server.call('GET', '/api/v1/alerts?state=open&kind=shadow_it', undefined, admin);
  expect(alerts).toHaveLength(1);
  expect(alerts[0].message).toMatch(/\b2 people\b.*Figma/);

  const { json: page } = await server.call('GET', `/api/v1/discovered?since=${since}`, undefined, admin);
  expect(page.map((a: { appId: string; users: number }) => [a.appId, a.users])).toEqual([['figma', 2]]);
  // Without the period every user ever seen is counted: the number the page used to show.
  const { json: ever } = await server.call('GET', '/api/v1/discovered', undefined, admin);
  expect(ever[0].users).toBe(3);
});
