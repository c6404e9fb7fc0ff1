// Offboarding with connectors: an HR import marking someone as left makes their seats on connected subscriptions
// ready reclaims; IT revokes them all in one action, each vendor asked; running it again changes nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type ScimServer, scimUser, startScimServer } from '../support/scim-server.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let slack: ScimServer;
let zoom: ScimServer;
let admin: { cookie: string };
const subscriptionIds: number[] = [];

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
  slack = await startScimServer({ users: [scimUser('leaver@example.com'), scimUser('stays@example.com')] });
  zoom = await startScimServer({ users: [scimUser('leaver@example.com')] });
  subscriptionIds.length = 0;
  for (const [appId, vendor] of [
    ['slack', slack],
    ['zoom', zoom],
  ] as const) {
    const body = {
      appId,
      plan: 'Pro',
      metric: 'named_user',
      seats: 5,
      unitCost: 800,
      currency: 'USD',
      billingPeriod: 'monthly',
    };
    const id = (await server.call('POST', '/api/v1/subscriptions', body, admin)).json.id as number;
    subscriptionIds.push(id);
    const connector = {
      subscriptionId: id,
      kind: 'scim2',
      baseUrl: vendor.baseUrl,
      token: vendor.token,
      deprovision: 'deactivate',
    };
    await server.call('POST', '/api/v1/connectors', connector, admin);
    await server.call('POST', `/api/v1/connectors/${subscriptionIds.length}/sync`, undefined, admin);
  }
});

afterEach(async () => {
  await slack.close();
  await zoom.close();
  await server.close();
});

const hrImport = (csv: string) =>
  server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: csv,
  });

it("makes a leaver's connected seats ready reclaims and revokes them all at the vendors, once", async () => {
  expect((await hrImport('email,status\nleaver@example.com,Terminated\nstays@example.com,Active\n')).status).toBe(200);
  const ready = (await server.call('GET', '/api/v1/reclaims?state=ready', undefined, admin)).json;
  expect(ready.reclaims.map((r: { email: string }) => r.email)).toEqual(['leaver@example.com', 'leaver@example.com']);
  expect(ready.reclaims.every((r: { vendorDeprovision: string }) => r.vendorDeprovision === 'deactivate')).toBe(true);

  // Zoom refuses at first: Slack's seat goes, Zoom's stays ready with the vendor's answer.
  zoom.quirks.deprovisionStatus = 500;
  const personId = (await server.call('GET', '/api/v1/people?search=leaver', undefined, admin)).json.people[0].id;
  const first = await server.call('POST', `/api/v1/people/${personId}/revoke-seats`, undefined, admin);
  expect(first.status).toBe(200);
  expect(first.json.revoked).toHaveLength(1);
  expect(first.json.failed).toMatchObject([{ code: 'vendor_failed' }]);
  expect(slack.user('leaver@example.com')!.active).toBe(false);
  expect(slack.user('stays@example.com')!.active).toBe(true);
  expect(zoom.user('leaver@example.com')!.active).toBe(true);

  zoom.quirks.deprovisionStatus = null;
  const second = await server.call('POST', `/api/v1/people/${personId}/revoke-seats`, undefined, admin);
  expect(second.json).toMatchObject({ revoked: [{}], failed: [] });
  expect(zoom.user('leaver@example.com')!.active).toBe(false);
  const slackPatches = slack.requests.filter((r) => r.method === 'PATCH').length;

  const third = await server.call('POST', `/api/v1/people/${personId}/revoke-seats`, undefined, admin);
  expect(third.json).toEqual({ revoked: [], failed: [] });
  expect(slack.requests.filter((r) => r.method === 'PATCH').length).toBe(slackPatches);
  // A second HR import proposes nothing again: the seats are gone.
  await hrImport('email,status\nleaver@example.com,Terminated\n');
  expect((await server.call('GET', '/api/v1/reclaims?state=ready', undefined, admin)).json.total).toBe(0);
});
