// Works-council mode on every surface: every GET route of the API (found in the OpenAPI routes, so a new route is in
// the table or this test fails), each CSV and the webhooks, for each role. Finance and viewer never see the email or
// name of someone whose seat needs no action; admin and IT see them; holders who are idle, never used or left keep
// their names for everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/contract.ts';
import { DEFAULT_PRIVACY } from '../../server/contract.ts';
import { apiOperations } from '../../server/openapi/document.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

/** People whose seats need no action (or who hold none): pseudonymised for finance and viewer. */
const HIDDEN = [
  { email: 'ada@example.com', name: 'Ada Lovelace' },
  { email: 'bob@example.com', name: 'Bob Byte' },
  { email: 'fay@example.com', name: 'Fay Silent' },
  { email: 'gus@example.com', name: 'Gus Quiet' },
  { email: 'hal@example.com', name: 'Hal Lurker' },
];
/** Holders of a seat that needs action: idle, never used, left. */
const NAMED = [
  { email: 'cy@example.com', name: 'Cy Idle' },
  { email: 'dee@example.com', name: 'Dee Never' },
  { email: 'eve@example.com', name: 'Eve Gone' },
];
const HR_FILE = [
  'email,name,department,location,manager email,status,start date',
  'ada@example.com,Ada Lovelace,Engineering,Berlin,bob@example.com,active,2020-01-01',
  'bob@example.com,Bob Byte,Engineering,Berlin,,active,2019-05-01',
  'cy@example.com,Cy Idle,Legal,Paris,,active,2021-01-01',
  'dee@example.com,Dee Never,Engineering,Lyon,,active,2022-01-01',
  'eve@example.com,Eve Gone,Sales,Madrid,,left,2018-01-01',
  'fay@example.com,Fay Silent,Engineering,Berlin,,active,2023-01-01',
  'gus@example.com,Gus Quiet,Engineering,Berlin,,active,2023-02-01',
  'hal@example.com,Hal Lurker,Engineering,Berlin,,active,2023-03-01',
].join('\n');

const ROLES: Role[] = ['admin', 'it', 'finance', 'viewer'];
const PSEUDONYMISED: Role[] = ['finance', 'viewer'];

let server: TestServer;
const tokens = new Map<Role, string>();
const ids = { ada: 0, subscription: 0, reclaim: 0, cySeat: 0 };
const webhook = { body: '' };

const record = (appId: string, day: string, activeSeconds: number) => ({
  appId,
  day,
  activeSeconds,
  visits: 1,
  lastActiveAt: null,
});

beforeAll(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
  const admin = await server.login();
  const hr = await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: HR_FILE,
  });
  expect(hr.status).toBe(200);
  const sub = await server.call(
    'POST',
    '/api/v1/subscriptions',
    { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 6, unitCost: 875, currency: 'USD' },
    admin,
  );
  ids.subscription = sub.json.id;
  for (const email of ['ada@example.com', 'cy@example.com', 'dee@example.com', 'eve@example.com']) {
    const seat = await server.call(
      'POST',
      `/api/v1/subscriptions/${sub.json.id}/seats`,
      { email, assignedAt: '2026-09-01' },
      admin,
    );
    expect(seat.status).toBe(201);
    if (email === 'cy@example.com') ids.cySeat = seat.json.id;
  }
  const upload = async (email: string, records: unknown[]) => {
    const device = await server.enrollDevice(email, admin);
    const sent = await server.call('POST', '/api/v1/devices/usage', { records }, { bearer: device.deviceToken });
    expect(sent.status).toBe(200);
  };
  // Fay's browser last uploaded in October: her devices are silent (an alert naming her).
  server.clock.now = new Date('2026-10-01T12:00:00Z');
  await upload('fay@example.com', [record('slack', '2026-10-01', 60)]);
  server.clock.now = new Date('2026-11-20T12:00:00Z');
  await upload('ada@example.com', [record('slack', '2026-11-19', 1_800), record('zoom', '2026-11-18', 900)]);
  await upload('bob@example.com', [record('zoom', '2026-11-19', 900)]);
  await upload('cy@example.com', [record('slack', '2026-09-10', 600)]);
  await upload('dee@example.com', []);
  await upload('gus@example.com', [record('zoom', '2026-11-17', 300)]);
  await upload('hal@example.com', [record('zoom', '2026-11-16', 300)]);

  const reclaim = await server.call('POST', '/api/v1/reclaims', { seatIds: [ids.cySeat], notify: false }, admin);
  expect(reclaim.status).toBe(201);
  ids.reclaim = reclaim.json.reclaims?.[0]?.id ?? reclaim.json[0]?.id;
  ids.ada = (await server.call('GET', '/api/v1/people?search=ada', undefined, admin)).json.people[0].id;

  for (const role of ROLES) {
    const { json } = await server.call('POST', '/api/v1/tokens', { name: `wc-${role}`, role }, admin);
    tokens.set(role, json.token);
  }
  await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: true });

  // The alerts job in the mode: the webhook payload goes outside every role.
  const receiver = await startWebhookReceiver();
  try {
    expect((await server.call('POST', '/api/v1/webhooks', { name: 'chat', url: receiver.url }, admin)).status).toBe(
      201,
    );
    expect((await server.call('POST', '/api/v1/alerts/evaluate', undefined, admin)).status).toBe(200);
    await sendDueDeliveries(server.db, server.clock.now);
    webhook.body = receiver.posts.map((post) => post.body).join('\n');
  } finally {
    await receiver.close();
  }
}, 60_000);
afterAll(async () => server?.close());

/** The URLs each GET route is called with: the path with real ids, and the queries that look people up. */
function urlsOf(path: string): string[] {
  const concrete = path
    .replace('/people/:id', `/people/${ids.ada}`)
    .replace('/subscriptions/:id', `/subscriptions/${ids.subscription}`)
    .replace('/reclaims/:id', `/reclaims/${ids.reclaim}`)
    .replace(':id', '999999');
  const lookups: Record<string, string[]> = {
    '/api/v1/people': ['?search=ada', '?search=Lovelace', '?department=Legal', '?limit=1000'],
    '/api/v1/usage': ['?email=ada@example.com', '?from=2026-09-01&to=2026-11-20'],
    '/api/v1/audit': ['?actor=user:admin@example.com', '?limit=1000'],
    '/api/v1/subscriptions/:id/reconciliation': ['?search=ada', '?search=Lovelace', '?limit=500'],
    '/api/v1/reports/seats.csv': [`?subscriptionId=${ids.subscription}`],
  };
  return [concrete, ...(lookups[path] ?? []).map((query) => `${concrete}${query}`)];
}

/** Every GET route a person can call; device routes answer only a device, about its own person. */
const getRoutes = () =>
  apiOperations(server.app.routes)
    .filter((op) => op.method === 'GET' && op.access?.kind !== 'device')
    .map((op) => op.path);

async function bodyOf(role: Role, url: string): Promise<{ status: number; text: string }> {
  const response = await server.app.request(url, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
  return { status: response.status, text: await response.text() };
}

const mentions = (text: string, person: { email: string; name: string }) =>
  text.toLowerCase().includes(person.email) || text.includes(person.name);

describe('works-council mode on every GET route', () => {
  it('finds the routes in the API description, the person-bearing ones among them', () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThan(40);
    for (const path of ['/api/v1/people', '/api/v1/subscriptions/:id/reconciliation', '/api/v1/reports/seats.csv'])
      expect(routes).toContain(path);
  });

  it.each(PSEUDONYMISED)('%s: no route names a person whose seat needs no action', async (role) => {
    const leaks: string[] = [];
    for (const path of getRoutes()) {
      for (const url of urlsOf(path)) {
        const { status, text } = await bodyOf(role, url);
        expect([200, 403, 404], `${role} GET ${url}: ${text.slice(0, 200)}`).toContain(status);
        for (const person of HIDDEN) if (mentions(text, person)) leaks.push(`${url} names ${person.email}`);
        if (text.includes('Berlin')) leaks.push(`${url} shows a pseudonymised person's location`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it.each(['admin', 'it'] as Role[])('%s sees every name', async (role) => {
    const texts: string[] = [];
    for (const path of getRoutes()) for (const url of urlsOf(path)) texts.push((await bodyOf(role, url)).text);
    const all = texts.join('\n');
    for (const person of [...HIDDEN, ...NAMED]) expect(mentions(all, person), person.email).toBe(true);
    expect(all).not.toContain('pseudonymised.invalid');
  });
});

describe('what finance and viewer see instead', () => {
  it.each(PSEUDONYMISED)('%s: holders needing action by name, everyone else by one stable pseudonym', async (role) => {
    const holders = JSON.parse(
      (await bodyOf(role, `/api/v1/subscriptions/${ids.subscription}/reconciliation?limit=500`)).text,
    );
    const byStatus = Object.fromEntries(holders.holders.map((h: { status: string; name: string }) => [h.status, h]));
    expect(byStatus.idle).toMatchObject({ email: 'cy@example.com', name: 'Cy Idle', department: 'Legal' });
    expect(byStatus.never_used).toMatchObject({ email: 'dee@example.com', name: 'Dee Never' });
    expect(byStatus.left).toMatchObject({ email: 'eve@example.com', name: 'Eve Gone' });
    const ada = byStatus.active;
    expect(ada.name).toMatch(/^Person [0-9a-f]{12}$/);
    expect(ada.email).toBe(`person-${ada.name.slice(7)}@pseudonymised.invalid`);
    expect(ada.department).toBe('Engineering');

    const person = JSON.parse((await bodyOf(role, `/api/v1/people/${ids.ada}`)).text);
    expect(person).toMatchObject({ id: ids.ada, name: ada.name, email: ada.email, location: null, startDate: null });
    const csv = (await bodyOf(role, `/api/v1/reports/seats.csv?subscriptionId=${ids.subscription}`)).text;
    expect(csv).toContain(ada.email);
    expect(csv).toContain(ada.name);
    expect(csv).toContain('Cy Idle');
  });

  it('finds a pseudonymised person by their pseudonym, never by their name or email', async () => {
    const holders = JSON.parse(
      (await bodyOf('finance', `/api/v1/subscriptions/${ids.subscription}/reconciliation?status=active`)).text,
    );
    const pseudonym: string = holders.holders[0].name;
    const digits = pseudonym.slice(7);
    const search = async (query: string) => JSON.parse((await bodyOf('finance', `/api/v1/people?${query}`)).text);
    // By the whole email: a pseudonym's 12 hex digits can hold "ada", but never "ada@example.com".
    expect((await search('search=ada%40example.com')).total).toBe(0);
    expect((await search('search=Lovelace')).total).toBe(0);
    expect((await search(`search=${digits}`)).people.map((p: { id: number }) => p.id)).toEqual([ids.ada]);
    expect((await search('search=cy')).people.map((p: { name: string }) => p.name)).toEqual(['Cy Idle']);
    // Legal has one person: a department filter cannot single out a pseudonymised member, and Cy is named anyway.
    expect((await search('department=Legal')).people.map((p: { name: string }) => p.name)).toEqual(['Cy Idle']);

    const usage = async (email: string) =>
      JSON.parse((await bodyOf('finance', `/api/v1/usage?email=${encodeURIComponent(email)}`)).text);
    expect(await usage('ada@example.com')).toEqual([]);
    const shown = `person-${digits}@pseudonymised.invalid`;
    expect((await usage(shown)).map((day: { email: string; appId: string }) => [day.email, day.appId])).toEqual([
      [shown, 'zoom'],
      [shown, 'slack'],
    ]);
    const holderSearch = JSON.parse(
      (await bodyOf('finance', `/api/v1/subscriptions/${ids.subscription}/reconciliation?search=ada%40example.com`))
        .text,
    );
    expect(holderSearch.holdersTotal).toBe(0);
  });

  it('sends webhooks with pseudonyms: the silent-devices alert about Fay does not name her', async () => {
    expect(webhook.body).toContain('No upload from person-');
    for (const person of HIDDEN) expect(mentions(webhook.body, person), person.email).toBe(false);
    const outbox = await server.db.$client.execute('select payload from deliveries');
    const stored = outbox.rows.map((row) => String(row.payload)).join('\n');
    expect(stored).toContain('pseudonymised.invalid');
    for (const person of HIDDEN) expect(mentions(stored, person), person.email).toBe(false);
  });

  it("stores the owner's real email when finance saves a subscription with the owner's pseudonym", async () => {
    const url = `/api/v1/subscriptions/${ids.subscription}`;
    const asAdmin = { bearer: tokens.get('admin')! };
    const asFinance = { bearer: tokens.get('finance')! };
    expect((await server.call('PATCH', url, { ownerEmail: 'ada@example.com' }, asAdmin)).status).toBe(200);
    const seen = (await server.call('GET', url, undefined, asFinance)).json.ownerEmail as string;
    expect(seen).toMatch(/^person-[0-9a-f]{12}@pseudonymised\.invalid$/);
    const saved = await server.call('PATCH', url, { ownerEmail: seen, plan: 'Pro+' }, asFinance);
    expect(saved.json.ownerEmail).toBe(seen);
    expect((await server.call('GET', url, undefined, asAdmin)).json).toMatchObject({
      ownerEmail: 'ada@example.com',
      plan: 'Pro+',
    });
    const unknown = await server.call(
      'PATCH',
      url,
      { ownerEmail: 'person-000000000000@pseudonymised.invalid' },
      asFinance,
    );
    expect(unknown.json.error.code).toBe('unknown_pseudonym');
    expect((await server.call('GET', url, undefined, asAdmin)).json.ownerEmail).toBe('ada@example.com');
  });

  it('shows names to finance again once the mode is off', async () => {
    await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: false });
    try {
      const people = (await bodyOf('finance', '/api/v1/people?limit=1000')).text;
      for (const person of HIDDEN) expect(mentions(people, person), person.email).toBe(true);
    } finally {
      await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: true });
    }
  });
});

describe('minGroupSize', () => {
  it.each(ROLES)('%s: a department of fewer than N people is "fewer than N", never exact', async (role) => {
    const coverage = JSON.parse((await bodyOf(role, '/api/v1/coverage')).text);
    const legal = coverage.byDepartment.find((d: { department: string }) => d.department === 'Legal');
    expect(legal).toEqual({ department: 'Legal', people: null, reporting: null, suppressed: true, fewerThan: 5 });
    const engineering = coverage.byDepartment.find((d: { department: string }) => d.department === 'Engineering');
    // Legal alone could be worked out from the total: Engineering goes with it.
    expect(engineering).toMatchObject({ people: null, suppressed: true, fewerThan: null });
  });

  it("lists a shadow app's departments only where at least N of their people use it", async () => {
    const read = async (minGroupSize: number) => {
      await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: true, minGroupSize });
      const apps = JSON.parse((await bodyOf('admin', '/api/v1/discovered')).text);
      return apps.find((app: { appId: string }) => app.appId === 'zoom');
    };
    try {
      expect(await read(5)).toMatchObject({ users: 4, departments: [] });
      expect(await read(4)).toMatchObject({ users: 4, departments: ['Engineering'] });
    } finally {
      await savePrivacySettings(server.db, { ...DEFAULT_PRIVACY, pseudonymise: true });
    }
  });
});
