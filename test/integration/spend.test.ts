// Spend imports over HTTP on a libSQL file: preview stores nothing, apply stores once, a second upload adds nothing,
// a bad file is rejected whole, roles, mapping an unmatched merchant, and paid vs contracted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/spend', name), 'utf8');

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

async function upload(csv: string, query = '', auth: { cookie: string } = admin) {
  const response = await server.app.request(`/api/v1/spend/import${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: auth.cookie },
    body: csv,
  });
  return { status: response.status, json: await response.json() };
}

const stored = async () =>
  JSON.stringify((await server.db.$client.execute('select * from spend_lines order by id')).rows) +
  JSON.stringify((await server.db.$client.execute('select * from merchant_rules order by id')).rows);
const lineCount = async () =>
  Number((await server.db.$client.execute('select count(*) as n from spend_lines')).rows[0]!.n);
const audits = async (action: string) =>
  (await server.db.$client.execute({ sql: 'select after from audit_log where action = ?', args: [action] })).rows;

describe('POST /spend/import', () => {
  it('previews without storing, applies once, and adds nothing on a second upload', async () => {
    const before = await stored();
    const preview = await upload(fixture('expensify.csv'), '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      dryRun: true,
      source: 'expensify',
      lines: 7,
      added: 0,
      alreadyImported: 0,
      matched: 4,
      unmatched: [
        { merchant: 'SLACKLINE OUTDOOR', total: 12000, currency: 'EUR', lines: 1 },
        { merchant: 'BLUE BOTTLE COFFEE', total: 900, currency: 'USD', lines: 2 },
      ],
      byApp: [{ appId: 'figma', appName: 'Figma', total: 3000, currency: 'USD', lines: 4 }],
    });
    expect(await stored()).toBe(before);
    expect(await audits('spend.import')).toEqual([]);

    const applied = await upload(fixture('expensify.csv'));
    expect(applied.json).toMatchObject({ dryRun: false, lines: 7, added: 7, alreadyImported: 0 });
    expect(await lineCount()).toBe(7);
    expect(await audits('spend.import')).toHaveLength(1);

    const again = await upload(fixture('expensify.csv'));
    expect(again.json).toMatchObject({ lines: 7, added: 0, alreadyImported: 7, matched: 4 });
    expect(await lineCount()).toBe(7);
    expect(await audits('spend.import')).toHaveLength(1);
  });

  it.each([
    ['ramp.csv', '', 5],
    ['brex.csv', '', 2],
    ['quickbooks.csv', '?currency=USD', 4],
    ['netsuite.csv', '', 3],
    ['generic.csv', '', 4],
    ['expensify-classic.csv', '', 3],
  ])('imports %s', async (name, query, lines) => {
    const { status, json } = await upload(fixture(name), query);
    expect(status).toBe(200);
    expect(json.added).toBe(lines);
    expect(await lineCount()).toBe(lines);
  });

  it('rejects a bad file whole with its row, and stores nothing', async () => {
    const before = await stored();
    const bad = `${fixture('generic.csv')}2026-10-09,Figma,twelve,USD,,\n`;
    const { status, json } = await upload(bad);
    expect(status).toBe(400);
    expect(json.error).toEqual({
      code: 'invalid_csv',
      message: 'Row 6: "twelve" in column "amount" is not an amount (for example 49.00, -12.50, (12.50) or 1,234.56).',
    });
    expect(await stored()).toBe(before);
    const ledger = await upload(fixture('quickbooks.csv'));
    expect(ledger.status).toBe(400);
    expect(ledger.json.error.message).toContain('no currency column');
  });

  it('is for finance and admins only', async () => {
    for (const role of ['it', 'viewer'] as const) {
      const { status } = await upload(fixture('generic.csv'), '', await server.signedInAs(role));
      expect(status).toBe(403);
    }
    const finance = await upload(fixture('generic.csv'), '', await server.signedInAs('finance'));
    expect(finance.status).toBe(200);
    expect(await lineCount()).toBe(4);
  });
});

describe('merchant rules', () => {
  it('mapping an unmatched merchant gives its stored lines the app, and later imports match it', async () => {
    await upload(fixture('expensify.csv'));
    const unmatched = await server.call('GET', '/api/v1/spend/unmatched', undefined, admin);
    expect(unmatched.json).toEqual([
      { merchant: 'SLACKLINE OUTDOOR', total: 12000, currency: 'EUR', lines: 1 },
      { merchant: 'BLUE BOTTLE COFFEE', total: 900, currency: 'USD', lines: 2 },
    ]);
    const finance = await server.signedInAs('finance');
    const created = await server.call(
      'POST',
      '/api/v1/merchant-rules',
      { pattern: 'Blue Bottle Coffee', appId: 'miro' },
      finance,
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ rule: { pattern: 'BLUE BOTTLE COFFEE', appId: 'miro' }, rematched: 2 });
    expect((await server.call('GET', '/api/v1/spend/unmatched', undefined, admin)).json).toEqual([
      { merchant: 'SLACKLINE OUTDOOR', total: 12000, currency: 'EUR', lines: 1 },
    ]);
    const again = await upload(
      'date,merchant,amount,currency\n2026-11-02,SQ *BLUE BOTTLE COFFEE 0042 SF CA,5.00,USD\n',
    );
    expect(again.json).toMatchObject({ matched: 1, unmatched: [] });
    expect(await audits('merchant_rule.create')).toHaveLength(1);

    const duplicate = await server.call(
      'POST',
      '/api/v1/merchant-rules',
      { pattern: 'blue bottle coffee', appId: 'figma' },
      admin,
    );
    expect(duplicate.status).toBe(409);
    const unknownApp = await server.call(
      'POST',
      '/api/v1/merchant-rules',
      { pattern: 'ACME', appId: 'no-such-app' },
      admin,
    );
    expect(unknownApp.status).toBe(404);
    const blank = await server.call('POST', '/api/v1/merchant-rules', { pattern: ' * ', appId: 'figma' }, admin);
    expect(blank.status).toBe(400);
    const it = await server.call(
      'POST',
      '/api/v1/merchant-rules',
      { pattern: 'ACME', appId: 'figma' },
      await server.signedInAs('it'),
    );
    expect(it.status).toBe(403);

    const rules = await server.call('GET', '/api/v1/merchant-rules', undefined, admin);
    expect(rules.json.map((r: { pattern: string }) => r.pattern)).toEqual(['BLUE BOTTLE COFFEE']);
    const removed = await server.call('DELETE', `/api/v1/merchant-rules/${created.json.rule.id}`, undefined, finance);
    expect(removed).toMatchObject({ status: 200, json: { deleted: true } });
    expect((await server.call('GET', '/api/v1/merchant-rules', undefined, admin)).json).toEqual([]);
    expect(
      (await server.call('DELETE', `/api/v1/merchant-rules/${created.json.rule.id}`, undefined, admin)).status,
    ).toBe(404);
  });
});

describe('GET /spend', () => {
  it('puts what was paid beside what the subscription costs, with double billing', async () => {
    // 10 seats at 150.00 a month: 18,000.00 a year, 1,500.00 a month.
    await server.call(
      'POST',
      '/api/v1/subscriptions',
      {
        appId: 'slack',
        plan: 'Business+',
        metric: 'named_user',
        seats: 10,
        unitCost: 15000,
        currency: 'USD',
        billingPeriod: 'monthly',
      },
      admin,
    );
    await upload(fixture('ramp.csv'));
    const { status, json } = await server.call('GET', '/api/v1/spend', undefined, admin);
    expect(status).toBe(200);
    expect(json).toMatchObject({ from: '2025-11-21', to: '2026-11-20', days: 365 });
    const slack = json.apps.find((a: { appId: string }) => a.appId === 'slack');
    expect(slack).toMatchObject({
      appName: 'Slack',
      currency: 'USD',
      paid: 450000,
      annualised: 450000,
      annualCost: 1800000,
      difference: 450000 - 1800000,
      lines: 3,
      payers: 1,
      priceRise: null,
      doubleBilling: { period: '2026-11', charges: 2, paid: 300000, contracted: 150000 },
    });
    expect(json.totals).toEqual([
      { currency: 'USD', paid: 450000 + 61200 - 1250, annualised: 450000 + 61200 - 1250, annualCost: 1800000 },
    ]);

    const reconciliation = await server.call('GET', '/api/v1/reconciliation', undefined, admin);
    expect(reconciliation.json.totals.byCurrency.USD.annualCost).toBe(json.totals[0].annualCost);

    const october = await server.call(
      'GET',
      '/api/v1/spend?from=2026-10-01&to=2026-10-31&appId=slack',
      undefined,
      admin,
    );
    expect(october.json.apps).toMatchObject([
      { appId: 'slack', paid: 150000, annualised: Math.round((150000 * 365) / 31) },
    ]);
    expect((await server.call('GET', '/api/v1/spend?from=2026-11-01&to=2026-10-01', undefined, admin)).status).toBe(
      400,
    );
  });
});

describe('GET /discovered with spend', () => {
  it('lists apps paid for without a subscription, even unseen, and drops them once subscribed', async () => {
    await upload(fixture('expensify.csv'));
    const { json } = await server.call('GET', '/api/v1/discovered', undefined, admin);
    expect(json).toMatchObject([
      {
        appId: 'figma',
        users: 0,
        sources: ['spend'],
        payers: 2,
        seatMonths: 3,
        consolidationCandidate: true,
        annualisedSpend: [{ currency: 'USD', amount: 3000 }],
      },
    ]);
    await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'figma', plan: 'Professional', metric: 'named_user', seats: 2, unitCost: 1500, currency: 'USD' },
      admin,
    );
    expect((await server.call('GET', '/api/v1/discovered', undefined, admin)).json).toEqual([]);
  });
});
