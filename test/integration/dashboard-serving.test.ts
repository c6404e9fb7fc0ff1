// The server serves the built dashboard at / (and index.html for client routes) beside the JSON API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-dash-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Seatwise</title><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
  server = await createTestServer({ dashboardDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves index.html at / with a content security policy', async () => {
  const response = await server.app.request('/');
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<div id="app">');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
});

it('serves hashed assets as immutable', async () => {
  const response = await server.app.request('/assets/index-abc123.js');
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toContain('immutable');
});

it('answers client routes with index.html but unknown API routes with a JSON 404', async () => {
  expect(await (await server.app.request('/subscriptions/12')).text()).toContain('<div id="app">');
  const api = await server.app.request('/api/v1/nothing-here');
  expect(api.status).toBe(404);
  expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'No API route GET /api/v1/nothing-here.' } });
});
