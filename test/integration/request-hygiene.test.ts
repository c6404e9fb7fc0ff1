// Requests the server refuses before reading them: JSON routes take only JSON (415), and a reply that leaves a
// body unread closes the connection, so a keep-alive client's next request never lands on a dead socket.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let base: string;
let admin: { cookie: string };

beforeAll(async () => {
  server = await createTestServer();
  base = await server.listen();
  admin = await server.login();
});
afterAll(async () => server?.close());

describe('JSON routes take only JSON', () => {
  it.each([
    ['text/plain', '{"appId":"slack","plan":"Pro","metric":"flat","unitCost":100,"currency":"USD"}'],
    ['application/x-www-form-urlencoded', 'appId=slack&plan=Pro'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers 415 to %s and stores nothing', async (contentType, body) => {
    const response = await server.app.request('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': contentType, cookie: admin.cookie },
      body,
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('unsupported_media_type');
    expect((await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json).toEqual([]);
  });

  it('answers 415 to a body sent without any content type', async () => {
    const response = await server.app.request('/api/v1/subscriptions', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-length': '2' },
      body: new TextEncoder().encode('{}'),
    });
    expect(response.status).toBe(415);
  });

  it('refuses a body that is not valid UTF-8 with 400, instead of storing replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('","role":"viewer"}')]);
    const response = await server.app.request('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
    const names = (await server.call('GET', '/api/v1/tokens', undefined, admin)).json.map(
      (t: { name: string }) => t.name,
    );
    expect(names.some((name: string) => name.includes('\uFFFD') || name.startsWith('caf'))).toBe(false);
  });

  it('still takes JSON with a charset, and a JSON suffix type', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await server.app.request('/api/v1/tokens', {
        method: 'POST',
        headers: { 'content-type': contentType, cookie: admin.cookie },
        body: JSON.stringify({ name: `n-${contentType.length}`, role: 'viewer' }),
      });
      expect(response.status, contentType).toBe(201);
    }
  });
});

/**
 * One request over a shared keep-alive agent; resolves with the status, the Connection header and whether the socket
 * was reused.
 */
function send(
  agent: Agent,
  path: string,
  body?: Buffer,
  contentType = 'application/json',
): Promise<{ status: number; connection: string | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: body ? 'POST' : 'GET',
        agent,
        headers: {
          cookie: admin.cookie,
          ...(body ? { 'content-type': contentType, 'content-length': body.length } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode!, connection: res.headers.connection, reused: req.reusedSocket }),
        );
      },
    );
    req.on('error', reject);
    // A client that sends a large body after the headers, as browsers and HTTP libraries do.
    if (body) req.end(body);
    else req.end();
  });
}

describe('a refused body does not kill the next request on a keep-alive connection', () => {
  it.each([
    ['413 for a body over 1 MB', '/api/v1/subscriptions', Buffer.alloc(3 * 1024 * 1024, 0x20), 413],
    [
      '401 before the body for an upload without a device token',
      '/api/v1/devices/usage',
      Buffer.from(JSON.stringify({ records: [] }).padEnd(200_000, ' ')),
      401,
    ],
    [
      '415 for a CSV sent to a JSON route',
      '/api/v1/subscriptions',
      Buffer.from('email\n'.repeat(100_000)),
      415,
      'text/csv',
    ],
  ])('%s', async (_name, path, body, status, contentType = 'application/json') => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await send(agent, path, body, contentType);
      expect(refused.status).toBe(status);
      expect(refused.connection).toBe('close');
      // The next request on the same agent: a fresh socket, never the one the server is about to drop.
      const next = await send(agent, '/api/v1/me');
      expect(next).toMatchObject({ status: 200, reused: false });
      // A normal reply keeps the connection for reuse.
      const again = await send(agent, '/api/v1/me');
      expect(again).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
