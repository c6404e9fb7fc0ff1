// Contract-register imports over HTTP on a libSQL file: preview, apply, re-import by reference, rejection, roles,
// vendor aliases, purchase records and the licence position report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const REGISTER = fixture('contracts-procurement-register.csv');
const NEWER = fixture('contracts-procurement-register-newer.csv');

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

async function upload(csv: string, query = '', auth: { cookie: string } = admin) {
  const response = await server.app.request(`/api/v1/subscriptions/import${query}`, {
    method: 'POST',
    headers: { cookie: auth.cookie, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: response.status, json: await response.json() };
}

/** Everything an import could write. */
const dump = async () =>
  JSON.stringify(
    await Promise.all(
      ['select * from subscriptions', 'select * from purchase_records', 'select * from audit_log'].map(
        async (q) => (await server.db.$client.execute(q)).rows,
      ),
    ),
  );

const subscriptions = async () =>
  ((await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json as Record<string, unknown>[]).map((s) => [
    s.appId,
    s.plan,
    s.contractRef,
    s.seats,
    s.unitCost,
    s.currency,
    s.billingPeriod,
    s.renewalDate,
  ]);

describe('importing a contract register', () => {
  it('previews without storing anything, then applies what it previewed', async () => {
    const before = await dump();
    const preview = await upload(REGISTER, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ dryRun: true, rows: 6, added: 4, updated: 0, unchanged: 0, skipped: [] });
    expect(preview.json.unmatched.map((u: { row: number; vendor: string }) => [u.row, u.vendor])).toEqual([
      [6, 'DocuSign International (EMEA) Limited'],
      [7, 'Slackline Outdoor GmbH'],
    ]);
    expect(preview.json.changes.map((c: { appName: string; change: string }) => [c.appName, c.change])).toEqual([
      ['Slack', 'add'],
      ['Zoom', 'add'],
      ['Figma', 'add'],
      ['Jira & Confluence', 'add'],
    ]);
    expect(await dump()).toBe(before);

    const applied = await upload(REGISTER, '?fileName=register-2026.csv');
    expect(applied.json).toMatchObject({ dryRun: false, added: 4, updated: 0, unchanged: 0 });
    expect(await subscriptions()).toEqual([
      ['slack', 'Business+', 'PO-2026-0141', 50, 15_000, 'USD', 'annual', '2026-12-31'],
      ['zoom', 'Business', 'PO-2026-0150', 25, 19_990, 'USD', 'annual', '2027-01-31'],
      ['figma', 'Organization', 'PO-2026-0188', 12, 54_000, 'USD', 'annual', '2027-03-14'],
      ['atlassian-jira-confluence', 'Premium', 'PO-2026-0102', 80, 1_600, 'USD', 'monthly', '2026-12-31'],
    ]);
    const { json: audit } = await server.call('GET', '/api/v1/audit?action=subscription.import', undefined, admin);
    expect(audit.entries[0]).toMatchObject({
      action: 'subscription.import',
      after: { fileName: 'register-2026.csv', added: 4, updated: 0, unmatched: 2, skipped: 0 },
    });
  });

  it('keeps a purchase record per applied line, with the file name of a multipart upload', async () => {
    const form = new FormData();
    form.set('file', new File([REGISTER], 'Q1 procurement register.csv', { type: 'text/csv' }));
    const response = await server.app.request('/api/v1/subscriptions/import', {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    expect(response.status).toBe(200);
    const [slack] = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json;
    const { json: records } = await server.call(
      'GET',
      `/api/v1/subscriptions/${slack.id}/purchase-records`,
      undefined,
      admin,
    );
    expect(records).toEqual([
      expect.objectContaining({
        subscriptionId: slack.id,
        contractRef: 'PO-2026-0141',
        vendor: 'Slack Technologies, LLC',
        fileName: 'Q1 procurement register.csv',
        row: 2,
        quantity: 50,
        lineTotal: 750_000,
        currency: 'USD',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        importedBy: 'user:admin@example.com',
      }),
    ]);
    expect((await server.call('GET', '/api/v1/purchase-records', undefined, admin)).json).toHaveLength(4);
  });

  it('re-importing a newer register updates by reference and reports the rest unchanged', async () => {
    await upload(REGISTER);
    const again = await upload(REGISTER);
    expect(again.json).toMatchObject({ added: 0, updated: 0, unchanged: 4, changes: [] });

    const newer = await upload(NEWER, '?fileName=register-2026-06.csv');
    expect(newer.json).toMatchObject({ added: 1, updated: 2, unchanged: 2 });
    const updates = newer.json.changes.filter((c: { change: string }) => c.change === 'update');
    expect(
      updates.map((c: { appId: string; before: unknown; after: unknown }) => [c.appId, c.before, c.after]),
    ).toEqual([
      ['slack', { seats: 50 }, { seats: 60 }],
      ['figma', { unitCost: 54_000 }, { unitCost: 57_000 }],
    ]);
    const all = await subscriptions();
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual(['slack', 'Business+', 'PO-2026-0141', 60, 15_000, 'USD', 'annual', '2026-12-31']);
    expect(all[4]).toEqual([
      'atlassian-jira-confluence',
      'Standard',
      'PO-2026-0255',
      40,
      605,
      'USD',
      'monthly',
      '2027-05-31',
    ]);
    const [slack] = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json;
    const { json: records } = await server.call(
      'GET',
      `/api/v1/subscriptions/${slack.id}/purchase-records`,
      undefined,
      admin,
    );
    expect(records.map((r: { fileName: string | null; quantity: number }) => [r.fileName, r.quantity])).toEqual([
      ['register-2026-06.csv', 60],
      [null, 50],
    ]);
  });

  it.each([
    ['contracts-broken-currency.csv', 'Row 3: "USX" in column "Currency" is not an ISO 4217 currency code'],
    ['contracts-broken-amount.csv', 'Row 3: "about 6500" in column "Annual Value"'],
    ['contracts-broken-no-vendor.csv', 'Row 1: the file needs a vendor, supplier or app column'],
  ])('rejects %s whole and stores nothing', async (name, message) => {
    const before = await dump();
    const reply = await upload(fixture(name));
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe('invalid_csv');
    expect(reply.json.error.message).toContain(message);
    expect(await dump()).toBe(before);
  });

  it('finance may import; IT and viewers may not, and store nothing', async () => {
    const finance = await server.signedInAs('finance');
    expect((await upload(REGISTER, '', finance)).json).toMatchObject({ added: 4 });
    const before = await dump();
    for (const role of ['it', 'viewer'] as const) {
      const reply = await upload(NEWER, '', await server.signedInAs(role));
      expect(reply.status).toBe(403);
    }
    expect(await dump()).toBe(before);
  });

  it('imports the Coupa-style export and the European finance spreadsheet', async () => {
    const coupa = await upload(fixture('contracts-coupa-export.csv'));
    expect(coupa.json).toMatchObject({
      added: 4,
      unmatched: [expect.objectContaining({ row: 6, product: 'Visio Plan 2' })],
    });
    const finance = await upload(fixture('contracts-finance-spreadsheet.csv'));
    expect(finance.json).toMatchObject({ added: 3, unmatched: [], skipped: [] });
    const miro = (await subscriptions()).find((s) => s[0] === 'miro');
    expect(miro).toEqual(['miro', 'Business', 'FIN-2026-07', 30, 30_000, 'EUR', 'annual', '2029-03-01']);
  });
});

describe('a register saved by a spreadsheet in Windows-1252', () => {
  it('reads the legal names with their accents and says the file was not UTF-8', async () => {
    const text =
      'Supplier;Product;Qty;Unit Price;Currency;Contract ID\nPipedrive OÜ;Professional;8;"1.188,00";EUR;V-77\n';
    const response = await server.app.request('/api/v1/subscriptions/import', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: Buffer.from(text, 'latin1'),
    });
    const reply = await response.json();
    expect(reply).toMatchObject({ added: 1, unmatched: [] });
    expect(reply.warnings.join(' ')).toMatch(/UTF-8/);
    expect(await subscriptions()).toEqual([['pipedrive', 'Professional', 'V-77', 8, 118_800, 'EUR', 'annual', null]]);
  });
});

describe('vendor aliases', () => {
  it('an admin maps an unmatched vendor to an app; the next preview matches it', async () => {
    const finance = await server.signedInAs('finance');
    const vendor = 'DocuSign International (EMEA) Limited';
    expect((await server.call('POST', '/api/v1/vendor-aliases', { vendor, appId: 'docusign' }, finance)).status).toBe(
      403,
    );
    const saved = await server.call('POST', '/api/v1/vendor-aliases', { vendor, appId: 'docusign' }, admin);
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ alias: 'docusign international', appId: 'docusign', source: 'admin' });
    expect(
      (await server.call('POST', '/api/v1/vendor-aliases', { vendor: 'Acme', appId: 'nope' }, admin)).json.error.code,
    ).toBe('unknown_app');

    const preview = await upload(REGISTER, '?dryRun=true', finance);
    expect(preview.json.added).toBe(5);
    expect(preview.json.unmatched.map((u: { vendor: string }) => u.vendor)).toEqual(['Slackline Outdoor GmbH']);

    const { json: list } = await server.call('GET', '/api/v1/vendor-aliases', undefined, finance);
    expect(list[0]).toMatchObject({
      alias: 'docusign international',
      source: 'admin',
      createdBy: 'user:admin@example.com',
    });
    expect(list).toContainEqual(
      expect.objectContaining({ alias: 'slack technologies', appId: 'slack', source: 'shipped' }),
    );

    const removed = await server.call(
      'DELETE',
      `/api/v1/vendor-aliases/${encodeURIComponent(vendor)}`,
      undefined,
      admin,
    );
    expect(removed.json).toEqual({ deleted: true });
    expect((await upload(REGISTER, '?dryRun=true')).json.added).toBe(4);
    expect((await server.call('DELETE', '/api/v1/vendor-aliases/slack%20technologies', undefined, admin)).status).toBe(
      404,
    );
  });
});

describe('contract references and the licence position report', () => {
  it('a reference is editable, unique per app and plan, and follows the earlier report columns', async () => {
    await upload(REGISTER, '?fileName=register.csv');
    const [slack, zoom] = (await server.call('GET', '/api/v1/subscriptions', undefined, admin)).json;
    const taken = await server.call(
      'PATCH',
      `/api/v1/subscriptions/${slack.id}`,
      { plan: 'Business', contractRef: 'PO-2026-0150', appId: 'zoom' },
      admin,
    );
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('contract_ref_taken');
    const changed = await server.call('PATCH', `/api/v1/subscriptions/${zoom.id}`, { contractRef: 'MSA-9' }, admin);
    expect(changed.json.contractRef).toBe('MSA-9');

    const response = await server.app.request('/api/v1/reports/licence-position.csv', {
      headers: { cookie: admin.cookie },
    });
    const csv = parseCsv(await response.text());
    const column = (name: string) => csv.header.indexOf(name);
    const added = (cells: string[]) => cells.slice(column('usage position') + 1, column('usage position') + 9);
    expect(added(csv.header)).toEqual([
      'contract ref',
      'purchase records',
      'last purchase file',
      'last purchase row',
      'last purchase quantity',
      'last purchase total',
      'last purchase currency',
      'last purchase imported at',
    ]);
    // The columns before them keep their places.
    expect(column('usage position')).toBe(31);
    const rowOf = (id: number) => csv.rows.find((r) => r.cells[0] === String(id))!.cells;
    expect(added(rowOf(slack.id))).toEqual([
      'PO-2026-0141',
      '1',
      'register.csv',
      '2',
      '50',
      '7500.00',
      'USD',
      '2026-11-20T12:00:00.000Z',
    ]);
    expect(rowOf(zoom.id)[column('contract ref')]).toBe('MSA-9');
  });
});
