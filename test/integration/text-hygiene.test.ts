// Text that would be cut or reversed differently on each surface is refused at the boundary: control characters
// and direction overrides in API bodies and imported CSV fields (400, nothing stored), and names past their length.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

const subscription = (over: Record<string, unknown>) => ({
  appId: 'slack',
  plan: 'Pro',
  metric: 'named_user',
  seats: 5,
  unitCost: 100,
  currency: 'USD',
  ...over,
});
const count = async (table: string) =>
  Number((await server.db.$client.execute(`select count(*) as n from ${table}`)).rows[0]!.n);

describe('API bodies', () => {
  it.each([
    [
      'a NUL in an app name',
      '/api/v1/apps',
      {
        name: 'Evil\u0000 App',
        domains: ['evil.example.com'],
        category: null,
        status: 'under_review',
        ownerEmail: null,
      },
      'apps',
      /name: contains a control character \(U\+0000\)/,
    ],
    [
      'a right-to-left override in a plan',
      '/api/v1/subscriptions',
      subscription({ plan: 'Pro \u202Eexe.gpj' }),
      'subscriptions',
      /plan: contains a text-direction override \(U\+202E\)/,
    ],
    [
      'a line break in a department',
      '/api/v1/subscriptions',
      subscription({ department: 'Sales\nEMEA' }),
      'subscriptions',
      /department: contains a tab or line break/,
    ],
    [
      'a bell in the notes',
      '/api/v1/subscriptions',
      subscription({ notes: 'ding \u0007' }),
      'subscriptions',
      /notes: contains a control character \(U\+0007\)/,
    ],
    [
      'notes over 5000 characters',
      '/api/v1/subscriptions',
      subscription({ notes: 'n'.repeat(5001) }),
      'subscriptions',
      /notes: is 5001 characters long; at most 5000/,
    ],
    [
      'a token name with an isolate',
      '/api/v1/tokens',
      { name: 'ci\u2066', role: 'viewer' },
      'api_tokens',
      /name: contains a text-direction override/,
    ],
    [
      'an enrollment token label with a NUL',
      '/api/v1/enrollment-tokens',
      { label: 'Windows\u0000 fleet' },
      'enrollment_tokens',
      /label: contains a control character/,
    ],
  ])('refuses %s with 400 and stores nothing', async (_name, path, body, table, message) => {
    const before = await count(table);
    const { status, json } = await server.call('POST', path, body, admin);
    expect(status).toBe(400);
    expect(json.error.message).toMatch(message);
    expect(await count(table)).toBe(before);
  });

  it('keeps tabs and line breaks in notes, and right-to-left names as they are', async () => {
    const { status, json } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      subscription({ plan: 'خطة الأعمال', notes: 'PO 4711\r\n\tRenew via reseller' }),
      admin,
    );
    expect(status).toBe(201);
    expect([json.plan, json.notes]).toEqual(['خطة الأعمال', 'PO 4711\r\n\tRenew via reseller']);
  });
});

async function importPeople(csv: string) {
  const response = await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: admin.cookie },
    body: csv,
  });
  return { status: response.status, json: await response.json() };
}

describe('imported CSV fields', () => {
  it.each([
    [
      'an override in a name',
      'email,name\nana@example.com,Ana\nmallory@example.com,\u202Eyrollam\n',
      /Row 3: the value in column "name" contains a text-direction override/,
    ],
    [
      'a NUL in a department',
      'email,name,department\nana@example.com,Ana,Sa\u0000les\n',
      /Row 2: the value in column "department" contains a control character \(U\+0000\)/,
    ],
    ['a 2 MB name', `email,name\nana@example.com,${'A'.repeat(2_000_000)}\n`, /Row 2: .*characters long; at most/],
    [
      'a 201-character department',
      `email,name,department\nana@example.com,Ana,${'D'.repeat(201)}\n`,
      /Row 2: the department is 201 characters long; at most 200/,
    ],
    ['a 300-character email', `email,name\n${'a'.repeat(288)}@example.com,Ana\n`, /Row 2: .* is not an email address/],
    [
      'a control character in a column name',
      'email,na\u0001me\nana@example.com,Ana\n',
      /Row 1: a column name contains a control character/,
    ],
  ])('refuses a file with %s whole, naming the row', async (_name, csv, message) => {
    const { status, json } = await importPeople(csv);
    expect(status).toBe(400);
    expect(json.error.code).toBe('invalid_csv');
    expect(json.error.message).toMatch(message);
    expect(await count('people')).toBe(0);
  });

  it('refuses a seat list with a control character the same way', async () => {
    const { json: sub } = await server.call('POST', '/api/v1/subscriptions', subscription({}), admin);
    const response = await server.app.request(`/api/v1/subscriptions/${sub.id}/seats/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: admin.cookie },
      body: 'Email,Status\nana@example.com,Active\u001b[31m\n',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(
      /Row 2: the value in column "Status" contains a control character \(U\+001B\)/,
    );
    expect(await count('seats')).toBe(0);
  });
});
