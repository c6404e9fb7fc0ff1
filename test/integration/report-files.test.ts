// Report downloads over real HTTP (127.0.0.1) on a libSQL file: the CSVs carry the API's figures, the calendar
// imports cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { installationId } from '../../server/queries/installation-id.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let slack: number;
let zoom: number;
let baseUrl: string;

async function download(path: string, auth: { cookie?: string; bearer?: string } = admin) {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  };
}

/** A downloaded CSV as objects by header name. */
function records(text: string) {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const { header, rows } = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r.cells[i]!])));
}

beforeAll(async () => {
  server = await createTestServer();
  baseUrl = await server.listen();
  admin = await server.login();
  const create = async (body: object) =>
    (await server.call('POST', '/api/v1/subscriptions', body, admin)).json.id as number;
  slack = await create({
    appId: 'slack',
    plan: 'Business+, annual',
    metric: 'named_user',
    seats: 4,
    unitCost: 15000,
    currency: 'USD',
    renewalDate: '2027-01-15',
    noticeDays: 45,
    autoRenew: true,
    ownerEmail: 'it@example.com',
  });
  zoom = await create({
    appId: 'zoom',
    plan: 'Pro',
    metric: 'named_user',
    seats: 3,
    unitCost: 1500,
    currency: 'JPY',
    billingPeriod: 'monthly',
    renewalDate: '2026-12-31',
    noticeDays: 0,
  });
  await create({
    appId: 'notion',
    plan: '=HYPERLINK("http://evil.example")',
    metric: 'site',
    seats: null,
    unitCost: 100000,
    currency: 'EUR',
  });
  for (const email of ['ada@example.com', 'grace@example.com', 'alan@example.com']) {
    await server.call('POST', `/api/v1/subscriptions/${slack}/seats`, { email, assignedAt: '2026-01-01' }, admin);
  }
  await server.call(
    'POST',
    `/api/v1/subscriptions/${zoom}/seats`,
    { email: 'ada@example.com', assignedAt: '2026-01-01' },
    admin,
  );
  const device = await server.enrollDevice('ada@example.com', admin);
  await server.call(
    'POST',
    '/api/v1/devices/usage',
    {
      records: [
        { appId: 'slack', day: '2026-11-19', activeSeconds: 1800, visits: 3, lastActiveAt: '2026-11-19T15:00:00Z' },
      ],
    },
    { bearer: device.deviceToken },
  );
  // A vendor's last-active day makes Linus active on Zoom without the extension.
  await server.app.request(`/api/v1/subscriptions/${zoom}/seats/import`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: 'Email,Last active\nlinus@example.com,2026-11-10\n',
  });
  await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: [
      'email,name,department,status',
      'ada@example.com,"Ada, Countess",Engineering,Active',
      'alan@example.com,Alan,Research,Terminated',
      '',
    ].join('\n'),
  });
});
afterAll(async () => server.close());

describe('licence-position.csv', () => {
  it('has one row per subscription with the figures of GET /reconciliation', async () => {
    const { status, headers, text } = await download('/api/v1/reports/licence-position.csv?asOf=2026-11-20');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="seatwise-licence-position-2026-11-20.csv"');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(text.includes('\r\n')).toBe(true);
    const api = (await server.call('GET', '/api/v1/reconciliation?asOf=2026-11-20', undefined, admin)).json;
    const rows = records(text);
    expect(rows.map((r) => r['subscription id'])).toEqual(
      api.subscriptions.map((s: { subscriptionId: number }) => String(s.subscriptionId)),
    );
    for (const [row, sub] of rows.map((r, i) => [r, api.subscriptions[i]] as const)) {
      expect(row).toMatchObject({
        app: sub.appName,
        'seats purchased': sub.seats === null ? '' : String(sub.seats),
        'seats assigned': String(sub.assigned),
        active: String(sub.counts.active),
        left: String(sub.counts.left),
        reclaimable: String(sub.reclaimable),
        'recommended seats': sub.recommendedSeats === null ? '' : String(sub.recommendedSeats),
        'active people': String(sub.activePeople),
        'peak daily active': String(sub.peakDailyActive),
        'needed seats': sub.neededSeats === null ? '' : String(sub.neededSeats),
      });
    }
    const slackRow = rows.find((r) => r['subscription id'] === String(slack))!;
    expect(slackRow).toMatchObject({
      plan: 'Business+, annual',
      currency: 'USD',
      active: '1',
      left: '1',
      'annual cost': '600.00',
      'renewal date': '2027-01-15',
      'notice deadline': '2026-12-01',
      'auto renew': 'true',
      owner: 'it@example.com',
    });
    expect(slackRow['reclaimable annual cost']).toBe(
      (
        api.subscriptions.find((s: { subscriptionId: number }) => s.subscriptionId === slack).reclaimableAnnualCost /
        100
      ).toFixed(2),
    );
    expect(rows.find((r) => r['subscription id'] === String(zoom))).toMatchObject({
      currency: 'JPY',
      'annual cost': '54000',
      'notice deadline': '2026-12-31',
    });
    // Both licence positions in the words every surface uses. 3 holders, 1 needs one: 2 to take back.
    expect(slackRow).toMatchObject({
      'contract position': '3 assigned on 4 bought, 1 unassigned',
      'usage position': '1 needs one, so 3 would be spare after reclaiming 2',
    });
    // Linus is active on Zoom by the vendor's date alone: a person active on the app, as Ada is by neither.
    expect(rows.find((r) => r['subscription id'] === String(zoom))).toMatchObject({
      'active people': '1',
      'peak daily active': '0',
    });
    expect(rows.find((r) => r.app === 'Notion')).toMatchObject({
      'contract position': 'site licence for everyone',
      'usage position': '0 people active',
      'needed seats': '',
    });
  });

  it('guards text a spreadsheet would run as a formula', async () => {
    const rows = records((await download('/api/v1/reports/licence-position.csv?asOf=2026-11-20')).text);
    expect(rows.find((r) => r.app === 'Notion')!.plan).toBe(`'=HYPERLINK("http://evil.example")`);
  });

  it('rejects a bad day', async () => {
    expect((await download('/api/v1/reports/licence-position.csv?asOf=2026-13-01')).status).toBe(400);
  });
});

describe('seats.csv', () => {
  it('lists every holder with the status and activity of the subscription detail', async () => {
    const { headers, text } = await download('/api/v1/reports/seats.csv?asOf=2026-11-20');
    expect(headers.get('content-disposition')).toBe('attachment; filename="seatwise-seats-2026-11-20.csv"');
    expect(headers.get('cache-control')).toBe('no-store');
    const rows = records(text);
    expect(rows.map((r) => [r['subscription id'], r.email, r.status])).toEqual([
      [String(slack), 'ada@example.com', 'active'],
      [String(slack), 'alan@example.com', 'left'],
      [String(slack), 'grace@example.com', 'unmonitored'],
      [String(zoom), 'ada@example.com', 'never_used'],
      [String(zoom), 'linus@example.com', 'active'],
    ]);
    const detail = (
      await server.call('GET', `/api/v1/subscriptions/${slack}/reconciliation?asOf=2026-11-20`, undefined, admin)
    ).json;
    const ada = detail.holders.find((h: { email: string }) => h.email === 'ada@example.com');
    expect(rows[0]).toMatchObject({
      name: 'Ada, Countess',
      department: 'Engineering',
      'assigned at': '2026-01-01',
      'last active at': ada.lastActiveAt,
      'extension last active at': '2026-11-19T15:00:00.000Z',
      'vendor last active': '',
      'active minutes in window': '30',
      source: 'manual',
      'seat id': String(ada.seatId),
    });
    const zoomDetail = (
      await server.call('GET', `/api/v1/subscriptions/${zoom}/reconciliation?asOf=2026-11-20`, undefined, admin)
    ).json;
    const linus = zoomDetail.holders.find((h: { email: string }) => h.email === 'linus@example.com');
    expect(rows[4]).toMatchObject({
      'last active at': linus.lastActiveAt,
      'extension last active at': '',
      'vendor last active': '2026-11-10',
      'active minutes in window': '0',
      source: 'import',
    });
    expect(linus.lastActiveAt).toBe('2026-11-10T00:00:00Z');
  });

  it('narrows to one subscription or app, and answers 404 for an unknown subscription', async () => {
    const one = records((await download(`/api/v1/reports/seats.csv?asOf=2026-11-20&subscriptionId=${zoom}`)).text);
    expect(one.map((r) => r.email)).toEqual(['ada@example.com', 'linus@example.com']);
    const app = records((await download('/api/v1/reports/seats.csv?asOf=2026-11-20&appId=slack')).text);
    expect(app).toHaveLength(3);
    expect((await download('/api/v1/reports/seats.csv?subscriptionId=999')).status).toBe(404);
    expect((await download('/api/v1/reports/seats.csv?subscriptionId=abc')).status).toBe(400);
  });
});

describe('renewals.ics', () => {
  const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

  const noticeAndRenewalEvents =
    'has the notice deadline and renewal of each subscription with a renewal date, stable across downloads';
  it(noticeAndRenewalEvents, async () => {
    const first = await download('/api/v1/renewals.ics');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="seatwise-renewals-2026-11-20.ics"');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const lines = unfold(first.text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    const starts = lines.filter((l) => l.startsWith('DTSTART'));
    const summaries = lines.filter((l) => l.startsWith('SUMMARY:'));
    expect(starts.map((start, i) => `${start.slice(-8)} ${summaries[i]!.slice(8)}`).sort()).toEqual([
      '20261201 Notice deadline: Slack (Business+\\, annual)',
      '20261231 Renewal: Zoom (Pro)',
      '20270115 Renewal: Slack (Business+\\, annual)',
    ]);
    server.clock.now = new Date('2026-11-20T20:00:00Z');
    const second = unfold((await download('/api/v1/renewals.ics')).text);
    expect(second.filter((l) => l.startsWith('DTSTAMP:'))).toEqual(Array(3).fill('DTSTAMP:20261120T200000Z'));
    server.clock.now = new Date('2026-11-20T12:00:00Z');
    const uids = (l: string[]) => l.filter((x) => x.startsWith('UID:'));
    expect(uids(second)).toEqual(uids(lines));
    expect(new Set(uids(lines)).size).toBe(3);
  });

  const uidsWhateverTheHost =
    'keeps the UIDs whatever host name it is fetched through: they carry the installation id stored once in settings';
  it(uidsWhateverTheHost, async () => {
    const viaHost = async (host: string) => {
      const response = await server.app.request('/api/v1/renewals.ics', { headers: { host, cookie: admin.cookie } });
      expect(response.status).toBe(200);
      return unfold(await response.text()).filter((l) => l.startsWith('UID:'));
    };
    const [internal, external] = [await viaHost('seatwise.internal:8787'), await viaHost('licences.example.com')];
    expect(internal).toHaveLength(3);
    expect(external).toEqual(internal);
    for (const uid of internal) expect(uid).not.toMatch(/seatwise\.internal|example\.com|127\.0\.0\.1/);
    const stored = await server.db.$client.execute(`select value from settings where key = 'installation_id'`);
    expect(stored.rows).toHaveLength(1);
    const id = JSON.parse(String(stored.rows[0]!.value)) as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const uid of internal) expect(uid.endsWith(`@${id}`), uid).toBe(true);
    expect(await installationId(server.db)).toBe(id);
  });

  it('is the same calendar under /reports beside the other downloads', async () => {
    const [contract, reports] = await Promise.all([
      download('/api/v1/renewals.ics'),
      download('/api/v1/reports/renewals.ics'),
    ]);
    expect(reports.status).toBe(200);
    expect(reports.headers.get('content-disposition')).toBe(contract.headers.get('content-disposition'));
    expect(reports.text).toBe(contract.text);
  });
});

describe('who may download', () => {
  it('gives the audit log CSV to admin and finance only', async () => {
    for (const role of ['viewer', 'it'] as const)
      expect((await download('/api/v1/reports/audit-log.csv', await server.signedInAs(role))).status).toBe(403);
    expect((await download('/api/v1/reports/audit-log.csv', await server.signedInAs('finance'))).status).toBe(200);
    expect((await download('/api/v1/reports/seats.csv', await server.signedInAs('viewer'))).status).toBe(200);
    for (const path of [
      '/api/v1/renewals.ics',
      '/api/v1/reports/renewals.ics',
      '/api/v1/reports/seats.csv',
      '/api/v1/reports/audit-log.csv',
    ]) {
      expect((await download(path, {})).status).toBe(401);
    }
    expect((await download('/api/v1/reports/renewals.ics', await server.signedInAs('viewer'))).status).toBe(200);
    expect((await download('/api/v1/reports/licence-position.csv', await server.signedInAs('it'))).status).toBe(200);
  });
});
