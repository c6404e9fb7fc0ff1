// Route x role: every API route is in this table, and each role gets exactly the access the table says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/contract.ts';
import { apiOperations } from '../../server/openapi/document.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const ALL: Role[] = ['admin', 'it', 'finance', 'viewer'];
const ADMIN_IT: Role[] = ['admin', 'it'];
const ADMIN_FINANCE: Role[] = ['admin', 'finance'];

/** Who may call each route: a list of roles, 'public' (no sign-in) or 'device' (a device token only). */
const ACCESS: Record<string, Role[] | 'public' | 'device'> = {
  'GET /api/openapi.json': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/methods': 'public',
  'GET /api/v1/me': ALL,
  'GET /api/v1/session': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/tokens': ['admin'],
  'GET /api/v1/tokens': ['admin'],
  'DELETE /api/v1/tokens/:id': ['admin'],
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],
  'POST /api/v1/enrollment-tokens': ADMIN_IT,
  'GET /api/v1/enrollment-tokens': ADMIN_IT,
  'DELETE /api/v1/enrollment-tokens/:id': ADMIN_IT,
  'GET /api/v1/devices': ADMIN_IT,
  'DELETE /api/v1/devices/:id': ADMIN_IT,
  'POST /api/v1/devices/enroll': 'public',
  'GET /api/v1/devices/catalog': 'device',
  'POST /api/v1/devices/usage': 'device',
  'GET /api/v1/devices/me': 'device',
  'GET /api/v1/people': ALL,
  'GET /api/v1/people/:id': ALL,
  'POST /api/v1/people/import': ADMIN_IT,
  'GET /api/v1/people/:id/seats': ALL,
  'DELETE /api/v1/people/:id/usage': ['admin'],
  'GET /api/v1/people/:id/export': ['admin'],
  'GET /api/v1/apps': ALL,
  'POST /api/v1/apps': ADMIN_IT,
  'PATCH /api/v1/apps/:id': ADMIN_IT,
  'GET /api/v1/discovered': ALL,
  'POST /api/v1/spend/import': ADMIN_FINANCE,
  'GET /api/v1/spend': ALL,
  'GET /api/v1/spend/unmatched': ALL,
  'GET /api/v1/merchant-rules': ALL,
  'POST /api/v1/merchant-rules': ADMIN_FINANCE,
  'DELETE /api/v1/merchant-rules/:id': ADMIN_FINANCE,
  'GET /api/v1/subscriptions': ALL,
  'POST /api/v1/subscriptions': ADMIN_FINANCE,
  'GET /api/v1/subscriptions/:id': ALL,
  'PATCH /api/v1/subscriptions/:id': ADMIN_FINANCE,
  'DELETE /api/v1/subscriptions/:id': ADMIN_FINANCE,
  'GET /api/v1/subscriptions/:id/seats': ALL,
  'POST /api/v1/subscriptions/:id/seats': ADMIN_IT,
  'DELETE /api/v1/subscriptions/:id/seats/:seatId': ADMIN_IT,
  'POST /api/v1/subscriptions/:id/seats/import': ADMIN_IT,
  'POST /api/v1/subscriptions/import': ADMIN_FINANCE,
  'GET /api/v1/subscriptions/:id/purchase-records': ALL,
  'GET /api/v1/purchase-records': ALL,
  'GET /api/v1/vendor-aliases': ALL,
  'POST /api/v1/vendor-aliases': ['admin'],
  'DELETE /api/v1/vendor-aliases/:alias': ['admin'],
  'GET /api/v1/reconciliation': ALL,
  'GET /api/v1/subscriptions/:id/reconciliation': ALL,
  'GET /api/v1/usage': ALL,
  'GET /api/v1/usage/daily': ALL,
  'GET /api/v1/coverage': ALL,
  'GET /api/v1/settings': ALL,
  'PATCH /api/v1/settings': ['admin'],
  'GET /api/v1/settings/enrollment': ALL,
  'PATCH /api/v1/settings/enrollment': ['admin'],
  'GET /api/v1/alerts': ALL,
  'POST /api/v1/alerts/evaluate': ADMIN_IT,
  'POST /api/v1/alerts/:id/acknowledge': ['admin', 'it', 'finance'],
  'POST /api/v1/alerts/:id/snooze': ['admin', 'it', 'finance'],
  'GET /api/v1/settings/alerts': ALL,
  'PATCH /api/v1/settings/alerts': ['admin'],
  'GET /api/v1/settings/privacy': ALL,
  'PATCH /api/v1/settings/privacy': ['admin'],
  'GET /api/v1/settings/smtp': ['admin'],
  'PUT /api/v1/settings/smtp': ['admin'],
  'POST /api/v1/settings/smtp/test': ['admin'],
  'GET /api/v1/webhooks': ['admin'],
  'POST /api/v1/webhooks': ['admin'],
  'DELETE /api/v1/webhooks/:id': ['admin'],
  'POST /api/v1/webhooks/:id/test': ['admin'],
  'GET /api/v1/connectors': ADMIN_IT,
  'POST /api/v1/connectors': ADMIN_IT,
  'POST /api/v1/connectors/test': ADMIN_IT,
  'GET /api/v1/connectors/:id': ADMIN_IT,
  'PATCH /api/v1/connectors/:id': ADMIN_IT,
  'DELETE /api/v1/connectors/:id': ADMIN_IT,
  'POST /api/v1/connectors/:id/sync': ADMIN_IT,
  'POST /api/v1/connectors/:id/test': ADMIN_IT,
  'GET /api/v1/connectors/:id/runs': ADMIN_IT,
  'POST /api/v1/people/:id/revoke-seats': ADMIN_IT,
  'GET /api/v1/deliveries': ['admin'],
  'GET /api/v1/reclaims': ALL,
  'POST /api/v1/reclaims': ADMIN_IT,
  'GET /api/v1/savings': ALL,
  'GET /api/v1/reclaims/:id': ALL,
  'POST /api/v1/reclaims/:id/release': ADMIN_IT,
  'POST /api/v1/reclaims/:id/keep': ADMIN_IT,
  'POST /api/v1/reclaims/:id/ready': ADMIN_IT,
  'POST /api/v1/reclaims/:id/revoke': ADMIN_IT,
  'POST /api/v1/reclaims/:id/cancel': ADMIN_IT,
  'GET /api/v1/reports/licence-position.csv': ALL,
  'GET /api/v1/reports/seats.csv': ALL,
  'GET /api/v1/reports/audit-log.csv': ADMIN_FINANCE,
  'GET /api/v1/renewals.ics': ALL,
  'GET /api/v1/reports/renewals.ics': ALL,
  'GET /api/v1/audit': ADMIN_FINANCE,
};

/** Paths with ids that do not exist, so an allowed call changes nothing (404) and a refused one says 403. */
const concrete = (path: string) => path.replace(':seatId', '999998').replace(':id', '999999');

let server: TestServer;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  server = await createTestServer();
  const admin = await server.login();
  for (const role of ALL) {
    const { status, json } = await server.call('POST', '/api/v1/tokens', { name: `matrix-${role}`, role }, admin);
    expect(status).toBe(201);
    tokens.set(role, json.token);
  }
});
afterAll(async () => server.close());

describe('the role matrix', () => {
  it('lists every API route, and every route it lists exists', () => {
    const routes = apiOperations(server.app.routes).map((op) => `${op.method} ${op.path}`);
    const missing = routes.filter((route) => !(route in ACCESS));
    expect(missing, 'routes missing from ACCESS in test/integration/role-matrix.test.ts').toEqual([]);
    expect(Object.keys(ACCESS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('declares on each route the access the table says', () => {
    for (const op of apiOperations(server.app.routes)) {
      const expected = ACCESS[`${op.method} ${op.path}`];
      const declared = op.access?.kind === 'roles' ? op.access.roles : op.access?.kind;
      expect(declared, `${op.method} ${op.path}`).toEqual(expected);
    }
  });

  const guarded = Object.entries(ACCESS).filter((entry): entry is [string, Role[]] => Array.isArray(entry[1]));
  it.each(guarded)('%s: refuses anonymous callers and roles outside %j, admits the rest', async (route, allowed) => {
    const [method, path] = route.split(' ') as [string, string];
    const url = concrete(path);
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    expect((await server.call(method, url, body)).status, `${route} anonymous`).toBe(401);
    for (const role of ALL) {
      const { status, json } = await server.call(method, url, body, { bearer: tokens.get(role)! });
      if (allowed.includes(role))
        expect([401, 403], `${route} as ${role}: ${JSON.stringify(json)}`).not.toContain(status);
      else
        expect({ status, code: json?.error?.code }, `${route} as ${role}`).toEqual({ status: 403, code: 'forbidden' });
    }
  });

  const deviceOnly = Object.entries(ACCESS).filter(([, access]) => access === 'device');
  it.each(deviceOnly)('%s: answers only to a device token, never to a person', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const body = method === 'GET' ? undefined : { records: [] };
    expect((await server.call(method, path, body, { bearer: tokens.get('admin')! })).status).toBe(401);
    const device = await server.enrollDevice('matrix@example.com');
    expect((await server.call(method, path, body, { bearer: device.deviceToken })).status).toBe(200);
  });
});
