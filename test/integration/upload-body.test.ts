// Usage uploads over real HTTP read their body straight from Node's request (middleware/node-body.ts): every answer
// is the one the usual body path gives (through app.request, without Node's request), a body over the limit is
// refused with 413 whether it says its length or is chunked, the socket lives to send that answer and the next
// request on the agent gets a fresh one, and a refused upload stores nothing.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let base: string;
let token: string;

beforeAll(async () => {
  server = await createTestServer();
  base = await server.listen();
  token = (await server.enrollDevice('ada@example.com')).deviceToken;
});
afterAll(async () => server?.close());

type Reply = { status: number; body: unknown; connection?: string | undefined; reused?: boolean };

function overHttp(body: Buffer, headers: Record<string, string | number>, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL('/api/v1/devices/usage', base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: agent ?? false,
        headers: { authorization: `Bearer ${token}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode!,
            body: text ? JSON.parse(text) : null,
            connection: res.headers.connection,
            reused: req.reusedSocket,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function throughApp(body: Buffer, contentType: string): Promise<Reply> {
  const response = await server.app.request('/api/v1/devices/usage', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: await response.json() };
}

const stored = async () => ({
  ...(await server.db.$client.execute('select count(*) n, max(active_seconds) most from usage_daily')).rows[0],
});
const upload = (activeSeconds: number) =>
  Buffer.from(
    JSON.stringify({
      records: [{ appId: 'slack', day: '2026-11-20', activeSeconds, visits: 1, lastActiveAt: null }],
    }),
  );

it.each([
  ['a valid upload', upload(120), 'application/json'],
  ['a valid upload with a charset', upload(180), 'application/json; charset=utf-8'],
  ['malformed JSON', Buffer.from('{"records": [}'), 'application/json'],
  [
    'a body that is not UTF-8',
    Buffer.concat([Buffer.from('{"records":"caf'), Buffer.from([0xe9, 0x22, 0x7d])]),
    'application/json',
  ],
  ['a record the contract refuses', Buffer.from('{"records":[{"appId":"slack"}]}'), 'application/json'],
  ['a body that is not JSON', Buffer.from('records=1'), 'text/plain'],
])('answers %s as the usual body path does', async (_name, body, contentType) => {
  const viaNode = await overHttp(body, { 'content-type': contentType, 'content-length': body.length });
  const viaApp = await throughApp(body, contentType);
  expect({ status: viaNode.status, body: viaNode.body }).toEqual(viaApp);
});

it.each([
  ['with its length', true],
  ['chunked', false],
])(
  'refuses a body over 1 MB sent %s with 413, stores nothing, and the next request gets a fresh socket',
  async (_n, withLength) => {
    const before = await stored();
    const records = Array.from({ length: 12_000 }, (_, i) => ({
      appId: 'slack',
      day: '2026-11-20',
      activeSeconds: i,
      visits: 1,
      lastActiveAt: null,
    }));
    const body = Buffer.from(JSON.stringify({ records }));
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { 'content-type': 'application/json', ...(withLength ? { 'content-length': body.length } : {}) };
      const refused = await overHttp(body, headers, agent);
      expect(refused).toMatchObject({
        status: 413,
        connection: 'close',
        body: { error: { code: 'payload_too_large' } },
      });
      expect(await stored()).toEqual(before);
      const next = await overHttp(upload(240), { 'content-type': 'application/json' }, agent);
      expect(next).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  },
);
