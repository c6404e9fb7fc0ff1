// The server hands out the extension IT's policy installs: a CRX signed with the installation's own key (mode 0600),
// its update manifest, the Firefox package and what the dashboard's policy text needs; and the deployment guide.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionPackages } from '../../server/extension-release/extension-packages.ts';
import { extensionIdOf } from '../../server/extension-release/signing-key.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const VERSION = '1.2.3';
let dir: string;
let server: TestServer;
let admin: { cookie: string };

/** A small but complete MV3 build, as `npm run build:extension` leaves it in dist/extension/chrome-mv3. */
function writeBuild(distDir: string) {
  const chrome = join(distDir, 'chrome-mv3');
  mkdirSync(join(chrome, 'icon'), { recursive: true });
  writeFileSync(
    join(chrome, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Seatwise',
      version: VERSION,
      key: 'PINNED-DEV-KEY',
      background: { service_worker: 'background.js' },
    }),
  );
  writeFileSync(join(chrome, 'background.js'), 'console.log("seatwise");\n');
  writeFileSync(join(chrome, 'icon', '16.png'), 'png');
  writeFileSync(join(distDir, `seatwise-${VERSION}-firefox.zip`), 'PK-unsigned-firefox');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-extension-dist-'));
  writeBuild(join(dir, 'dist'));
  server = await createTestServer({
    extension: extensionPackages({
      distDir: join(dir, 'dist'),
      keyPath: join(dir, 'keys', 'extension-signing-key.pem'),
    }),
  });
  admin = await server.login();
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => server.app.request(`http://seatwise.test${path}`);

/** CRX3: "Cr24", version 3, the header's length, the signed header, then the zip itself. */
function zipInsideCrx(crx: Buffer): Buffer {
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  return crx.subarray(12 + crx.readUInt32LE(8));
}

describe('the extension distribution', () => {
  it("tells a signed-in user the installation's Chrome id and the URLs a policy points at", async () => {
    const { status, json } = await server.call('GET', '/api/v1/extension', undefined, admin);
    expect(status).toBe(200);
    expect(json.version).toBe(VERSION);
    expect(json.chrome.extensionId).toMatch(/^[a-p]{32}$/);
    // The request's own origin, as no SEATWISE_PUBLIC_URL is set.
    expect(json.chrome.updateUrl).toBe('http://localhost/extension/updates.xml');
    expect(json.chrome.crxUrl).toBe('http://localhost/extension/seatwise.crx');
    expect(json.firefox).toEqual({
      extensionId: 'extension@seatwise.dev',
      installUrl: 'http://localhost/extension/seatwise.xpi',
      signed: false,
    });
    expect(json.problems).toEqual([]);
    // The private key was created readable by the owner only.
    expect(statSync(join(dir, 'keys', 'extension-signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('answers 401 without a sign-in', async () => {
    expect((await server.call('GET', '/api/v1/extension')).status).toBe(401);
  });

  it('serves an update manifest naming that id, the version and the CRX', async () => {
    const { json } = await server.call('GET', '/api/v1/extension', undefined, admin);
    const response = await get('/extension/updates.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(xml).toContain(`<app appid="${json.chrome.extensionId}">`);
    expect(xml).toContain(
      `<updatecheck codebase="http://seatwise.test/extension/seatwise.crx" version="${VERSION}" />`,
    );
  });

  it('serves a CRX3 whose manifest key is the signing key, so the id inside and outside agree', async () => {
    const { json } = await server.call('GET', '/api/v1/extension', undefined, admin);
    const response = await get('/extension/seatwise.crx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-chrome-extension');
    const crx = Buffer.from(await response.arrayBuffer());
    const zipPath = join(dir, 'inside.zip');
    writeFileSync(zipPath, zipInsideCrx(crx));
    const entries = execFileSync('zipinfo', ['-1', zipPath], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(entries).toEqual(['background.js', 'icon/16.png', 'manifest.json']);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', zipPath, 'manifest.json'], { encoding: 'utf8' }));
    expect(manifest.version).toBe(VERSION);
    expect(extensionIdOf(Buffer.from(manifest.key, 'base64'))).toBe(json.chrome.extensionId);
    // Packed once per build: the same bytes again.
    expect(Buffer.from(await (await get('/extension/seatwise.crx')).arrayBuffer()).equals(crx)).toBe(true);
  });

  it('serves the Firefox package', async () => {
    const response = await get('/extension/seatwise.xpi');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-xpinstall');
    expect(await response.text()).toBe('PK-unsigned-firefox');
  });
});

describe('a server whose extension is not built', () => {
  let bare: TestServer;
  let bareDir: string;
  beforeAll(async () => {
    bareDir = mkdtempSync(join(tmpdir(), 'seatwise-extension-bare-'));
    bare = await createTestServer({ extension: extensionPackages({ distDir: join(bareDir, 'dist'), keyPath: null }) });
  });
  afterAll(async () => {
    await bare?.close();
    rmSync(bareDir, { recursive: true, force: true });
  });

  it.each(['/extension/updates.xml', '/extension/seatwise.crx', '/extension/seatwise.xpi'])(
    'answers %s with 503 and what to run',
    async (path) => {
      const response = await bare.app.request(path);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.error.code).toMatch(/^extension_(not_built|key_missing)$/);
      expect(body.error.message).toMatch(/npm run (build|zip):extension|SEATWISE_EXTENSION_KEY_FILE/);
    },
  );

  it('lists the problems for the dashboard', async () => {
    const { json } = await bare.call('GET', '/api/v1/extension', undefined, await bare.login());
    expect(json.chrome).toBeNull();
    expect(json.problems.join(' ')).toMatch(/npm run build:extension[\s\S]*SEATWISE_EXTENSION_KEY_FILE/);
  });
});

describe('the deployment guide', () => {
  it('is served as a page under the strict CSP, rendered from docs/deployment.md', async () => {
    const response = await get('/docs/deployment');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<h1>Deploying the Seatwise extension</h1>');
    expect(html).toContain('ExtensionInstallForcelist');
    expect(html).not.toMatch(/<script/i);
  });

  it('is also there as Markdown, word for word', async () => {
    const response = await get('/docs/deployment.md');
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await response.text()).toBe(readFileSync(join(import.meta.dirname, '../../docs/deployment.md'), 'utf8'));
  });
});
