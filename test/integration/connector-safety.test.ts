// Where connectors may connect: no loopback or private address unless SEATWISE_CONNECTORS_ALLOW_PRIVATE=1, https
// required then, and TLS certificates verified (a self-signed vendor is refused, its token never sent in clear).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeSelfSignedCert } from '../support/self-signed-cert.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await server?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function subscription(s: TestServer, admin: { cookie: string }) {
  const body = {
    appId: 'zoom',
    plan: 'Pro',
    metric: 'named_user',
    seats: 5,
    unitCost: 1500,
    currency: 'USD',
    billingPeriod: 'monthly',
  };
  return (await s.call('POST', '/api/v1/subscriptions', body, admin)).json.id as number;
}

it('refuses loopback and private addresses, and plain http, unless private addresses are allowed', async () => {
  server = await createTestServer({ connectors: { allowPrivate: false } });
  const admin = await server.login();
  const subscriptionId = await subscription(server, admin);
  const plain = { subscriptionId, kind: 'scim2', baseUrl: 'http://vendor.example/scim/v2', token: 't' };
  const refused = await server.call('POST', '/api/v1/connectors', plain, admin);
  expect([refused.status, refused.json.error.code]).toEqual([400, 'insecure_url']);
  for (const baseUrl of [
    'https://127.0.0.1:1/scim',
    'https://10.1.2.3/scim',
    'https://[::1]/scim',
    'https://localhost/scim',
  ]) {
    const test = await server.call('POST', '/api/v1/connectors/test', { baseUrl, token: 'secret-token' }, admin);
    expect(test.json.ok).toBe(false);
    expect(test.json.message).toContain('loopback or private address');
    expect(test.json.message).not.toContain('secret-token');
  }
});

it('verifies the vendor TLS certificate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-scim-tls-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { key, cert } = makeSelfSignedCert(dir);
  let reached = 0;
  const vendor = createServer({ key, cert }, (_req, res) => {
    reached += 1;
    res.writeHead(200, { 'content-type': 'application/scim+json' }).end('{"totalResults":0,"Resources":[]}');
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => vendor.close(() => resolve())));
  server = await createTestServer();
  const admin = await server.login();
  const baseUrl = `https://127.0.0.1:${(vendor.address() as AddressInfo).port}/scim/v2`;
  const test = await server.call('POST', '/api/v1/connectors/test', { baseUrl, token: 'secret-token' }, admin);
  expect(test.json.ok).toBe(false);
  expect(test.json.message).toContain('TLS certificate could not be verified');
  expect(reached).toBe(0);
});
