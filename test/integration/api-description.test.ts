// GET /api/openapi.json: generated from the routes' zod schemas and guards, so it describes every route as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../../server/openapi/document.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let document: any;

beforeAll(async () => {
  server = await createTestServer();
  const { status, json } = await server.call('GET', '/api/openapi.json');
  expect(status).toBe(200);
  document = json;
});
afterAll(async () => server.close());

const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

describe('the API description', () => {
  it('is OpenAPI 3.1 and needs no sign-in', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Seatwise API');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiToken', 'deviceToken', 'session']);
  });

  it('describes every route with a summary, its access and its replies', () => {
    const operations = apiOperations(server.app.routes);
    expect(operations.length).toBeGreaterThan(20);
    for (const { method, path } of operations) {
      const operation = document.paths[openApiPath(path)]?.[method.toLowerCase()];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.summary, `${method} ${path} summary`).not.toMatch(/^(GET|POST|PATCH|DELETE) /);
      expect(operation.security, `${method} ${path} security`).toBeDefined();
      expect(Object.keys(operation.responses), `${method} ${path} responses`).toContain('default');
      expect(Object.keys(operation.responses).length, `${method} ${path} has a success reply`).toBeGreaterThan(1);
    }
  });

  it('takes request bodies, parameters and roles from the zod schemas and guards', () => {
    const create = document.paths['/api/v1/subscriptions'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.properties.metric.enum).toEqual(['named_user', 'concurrent', 'site', 'flat']);
    expect(body.required).toEqual(expect.arrayContaining(['appId', 'plan', 'metric', 'unitCost', 'currency']));
    expect(body.required).not.toContain('noticeDays');
    expect(create['x-seatwise-roles']).toEqual(['admin', 'finance']);

    const seat = document.paths['/api/v1/subscriptions/{id}/seats/{seatId}'].delete;
    expect(seat.parameters.map((p: any) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['seatId', 'path', true],
    ]);
    const reconciliation = document.paths['/api/v1/reconciliation'].get;
    expect(reconciliation.parameters).toEqual([
      expect.objectContaining({ name: 'asOf', in: 'query', required: false }),
    ]);
    const row = reconciliation.responses['200'].content['application/json'].schema;
    expect(Object.keys(row.properties)).toEqual(['asOf', 'totals', 'subscriptions']);

    expect(document.paths['/api/v1/devices/usage'].post.security).toEqual([{ deviceToken: [] }]);
    expect(document.paths['/api/v1/auth/login'].post.security).toEqual([]);
  });
});
