// The privacy notice (docs/privacy.md) served as a page and as Markdown, like the deployment guide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

describe('/docs/privacy', () => {
  it('renders under the strict CSP and states the retention default, the roles and the modes', async () => {
    const response = await server.app.request('/docs/privacy');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<title>Seatwise and privacy</title>');
    expect(html).toContain('<h1>Seatwise and privacy</h1>');
    expect(html).toMatch(/<code>usageRetentionDays<\/code> days: <strong>default 400, at least 90<\/strong>/);
    for (const words of ['<code>pseudonymise</code>', '<code>minGroupSize</code>', 'Works-council mode']) {
      expect(html).toContain(words);
    }
    for (const role of ['admin', 'it', 'finance', 'viewer']) expect(html).toContain(`<td><code>${role}</code></td>`);
    expect(html).toContain('Export data (subject access)');
    expect(html).not.toMatch(/<script/i);
  });

  it('is also there as Markdown, word for word, and the deployment guide still is', async () => {
    const response = await server.app.request('/docs/privacy.md');
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await response.text()).toBe(readFileSync(join(import.meta.dirname, '../../docs/privacy.md'), 'utf8'));
    expect((await server.app.request('/docs/deployment')).status).toBe(200);
  });

  it('names only API routes the server has, with the method it answers', async () => {
    const markdown = readFileSync(join(import.meta.dirname, '../../docs/privacy.md'), 'utf8');
    const { json } = await server.call('GET', '/api/openapi.json');
    const named = [
      ...markdown.matchAll(
        /`((?:GET|POST|PATCH|PUT|DELETE)(?:\|(?:GET|POST|PATCH|PUT|DELETE))*) (\/api\/v1\/[^`?\s]+)/g,
      ),
    ];
    expect(named.length).toBeGreaterThan(3);
    for (const [, methods, path] of named) {
      const documented = path!.replace(/:([A-Za-z]+)/g, '{$1}');
      for (const method of methods!.split('|'))
        expect(Object.keys(json.paths[documented] ?? {}), `${method} ${path}`).toContain(method.toLowerCase());
    }
  });
});
