// The dashboard's files over real HTTP: the build's .br/.gz copies chosen by Accept-Encoding, with Vary,
// Content-Encoding, Content-Type and Content-Length, long caching for hashed files, and HEAD.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir, precompressFile } from '../../tools/precompress.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** node:http, not fetch: fetch would undo the encoding this test checks. */
function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const SCRIPT = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `page ${i}`))};\n`;
const INDEX =
  '<!doctype html><title>Seatwise</title><div id="app"></div><script src="/assets/index-abc123.js"></script>';

let server: TestServer;
let url: string;
let base: string;
let dir: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'seatwise-dash-'));
  dir = join(base, 'dashboard');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(base, 'outside.json'), '{"secret":true}');
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body { color: #222; }\n'.repeat(50));
  writeFileSync(join(dir, 'assets', 'logo-abc123.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  precompressDir(dir);
  // A file whose copies the build did not write (or someone deleted): the raw file still goes out.
  writeFileSync(join(dir, 'assets', 'late-abc123.js'), SCRIPT);
  // One with only a gzip copy.
  writeFileSync(join(dir, 'assets', 'half-abc123.js'), SCRIPT);
  precompressFile(join(dir, 'assets', 'half-abc123.js'));
  rmSync(join(dir, 'assets', 'half-abc123.js.br'));
  server = await createTestServer({ dashboardDir: dir });
  url = await server.listen();
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('encoding negotiation', () => {
  it.each<[string | null, string | undefined]>([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
    ['identity', undefined],
    [null, undefined],
  ])('Accept-Encoding %j gets %s, bytes that decode to the file', async (accept, expected) => {
    const response = await get(`${url}/assets/index-abc123.js`, accept === null ? {} : { 'accept-encoding': accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(expected);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    const decoded =
      expected === 'br'
        ? brotliDecompressSync(response.body)
        : expected === 'gzip'
          ? gunzipSync(response.body)
          : response.body;
    expect(decoded.toString()).toBe(SCRIPT);
    if (expected) expect(response.body.length).toBeLessThan(SCRIPT.length);
  });

  it('compresses index.html too, for / and for client routes', async () => {
    for (const path of ['/', '/index.html', '/subscriptions/12']) {
      const response = await get(`${url}${path}`, { 'accept-encoding': 'gzip, br' });
      expect(response.headers['content-encoding'], path).toBe('br');
      expect(response.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(brotliDecompressSync(response.body).toString(), path).toBe(INDEX);
    }
  });

  it('sends the raw file when the precompressed copies are missing', async () => {
    const response = await get(`${url}/assets/late-abc123.js`, { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.body.toString()).toBe(SCRIPT);
  });

  it('falls back to gzip when only the gzip copy exists', async () => {
    const response = await get(`${url}/assets/half-abc123.js`, { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
  });

  it('leaves images alone', async () => {
    const response = await get(`${url}/assets/logo-abc123.png`, { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBeUndefined();
    expect(response.body).toEqual(readFileSync(join(dir, 'assets', 'logo-abc123.png')));
  });
});

describe('caching', () => {
  it('keeps hashed files for a year, whatever the encoding', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      for (const file of ['index-abc123.js', 'index-abc123.css', 'late-abc123.js']) {
        const response = await get(`${url}/assets/${file}`, { 'accept-encoding': accept });
        expect(response.headers['cache-control'], `${file} ${accept}`).toBe('public, max-age=31536000, immutable');
      }
    }
  });

  it('has index.html asked for again every time', async () => {
    for (const path of ['/', '/index.html', '/people/3']) {
      const response = await get(`${url}${path}`, { 'accept-encoding': 'br' });
      expect(response.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('answers index.html again with a 304 when its ETag still matches, one ETag per encoding', async () => {
    const br = await get(`${url}/`, { 'accept-encoding': 'br' });
    const gzip = await get(`${url}/`, { 'accept-encoding': 'gzip' });
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(gzip.headers.etag);
    const again = await get(`${url}/`, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers.vary).toBe('Accept-Encoding');
  });

  it('answers a hashed file that is gone with a 404, not index.html', async () => {
    const response = await get(`${url}/assets/index-old999.js`, { 'accept-encoding': 'br' });
    expect(response.status).toBe(404);
    expect(response.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  it('keeps files outside the build out', async () => {
    for (const path of ['/assets/%2e%2e/%2e%2e/outside.json', '/..%2foutside.json', '/%2e%2e/outside.json']) {
      const response = await get(`${url}${path}`, {});
      expect(response.body.toString(), path).not.toContain('secret');
    }
  });
});

describe('HEAD', () => {
  it('answers the headers of GET with no body', async () => {
    const got = await get(`${url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    const head = await get(`${url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-length', 'content-type', 'vary', 'cache-control']) {
      expect(head.headers[name], name).toBe(got.headers[name]);
    }
  });
});
