// API replies are gzipped for clients that accept it (hono's compress), and sent as they are to those that do not.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let url: string;
let cookie: string;
beforeAll(async () => {
  server = await createTestServer();
  url = await server.listen();
  cookie = (await server.login()).cookie;
});
afterAll(async () => {
  await server.close();
});

function get(path: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((done, fail) => {
    const req = request(`${url}${path}`, { headers: { cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

it('gzips a JSON reply when asked, with Vary, and the bytes decode to the same JSON', async () => {
  const plain = await get('/api/openapi.json', {});
  expect(plain.headers['content-encoding']).toBeUndefined();
  const gzipped = await get('/api/openapi.json', { 'accept-encoding': 'br, gzip' });
  expect(gzipped.headers['content-encoding']).toBe('gzip');
  expect(gzipped.headers.vary).toContain('Accept-Encoding');
  expect(gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
  expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
});

it('leaves a reply alone when gzip is refused', async () => {
  const response = await get('/api/openapi.json', { 'accept-encoding': 'gzip;q=0, identity' });
  expect(response.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(response.body.toString()).openapi).toMatch(/^3\./);
});

it("leaves the extension's small replies uncompressed, whatever the device accepts", async () => {
  const { deviceToken } = await server.enrollDevice();
  const catalog = await get('/api/v1/devices/catalog', {
    authorization: `Bearer ${deviceToken}`,
    'accept-encoding': 'gzip',
  });
  expect(catalog.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(catalog.body.toString()).apps.length).toBeGreaterThan(0);
});
