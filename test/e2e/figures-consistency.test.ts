// One story on every surface (issue 11): for every subscription of the demo company, the figures and the two
// licence positions a person reads on the detail page, the subscriptions table, the overview, the printable report,
// the downloaded licence-position.csv and the alert messages agree with each other and with the API. In Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Reconciliation, ReconciliationRow } from '../../server/contract.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;
let report: Reconciliation;

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  report = await api.get<Reconciliation>('/api/v1/reconciliation');
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).trim();
const number = (shown: string) => (shown === '–' ? null : Number(shown.replace(/[^\d-]/g, '')));
const byApp = (appId: string) => report.subscriptions.find((r) => r.appId === appId)!;
const literally = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const DETAIL_FIELDS = [
  'contractPosition',
  'usagePosition',
  'activePeople',
  'peakDailyActive',
  'neededSeats',
  'activeWithoutSeat',
  'utilization',
  'recommendedSeats',
  'seats',
  'assigned',
  'unassigned',
  'overAssigned',
  'active',
  'grace',
  'idle',
  'never_used',
  'unmonitored',
  'left',
  'licencePosition',
  'reclaimable',
  'annualCost',
  'reclaimableAnnualCost',
] as const;
type DetailFigures = Record<(typeof DETAIL_FIELDS)[number], string>;

/** What a person reads in the figures section of a subscription's page. */
async function readDetail(row: ReconciliationRow): Promise<DetailFigures> {
  await openPage(page, `#/subscriptions/${row.subscriptionId}`, new RegExp(literally(row.appName)));
  const section = page.getByRole('region', { name: 'Figures' });
  await section.waitFor();
  const figures: Partial<DetailFigures> = {};
  for (const field of DETAIL_FIELDS) figures[field] = await text(section.locator(`[data-field="${field}"]`));
  return figures as DetailFigures;
}

/** licence-position.csv as the person downloads it (same session), as objects by header name. */
async function downloadCsv(): Promise<Map<string, Record<string, string>>> {
  const response = await page.request.get(`${seatwise.url}/api/v1/reports/licence-position.csv`);
  expect(response.status()).toBe(200);
  const { header, rows } = parseCsv(await response.text());
  const records = rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r.cells[i] ?? ''])));
  return new Map(records.map((r) => [r['subscription id']!, r]));
}

describe('the figures tell one story', () => {
  const everySurfaceAgrees =
    'for every subscription, the detail page, the subscriptions table, the overview, the report, the CSV ' +
    'and the alerts agree';
  it(everySurfaceAgrees, async () => {
    // The alert rules run once more now, on the figures the pages show.
    await openPage(page, '#/alerts', /^Alerts$/);
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByRole('status').filter({ hasText: 'The rules ran' }).waitFor();
    const alerts = await api.get<Alert[]>('/api/v1/alerts?state=open&limit=500');

    await openPage(page, '#/overview', /^Overview$/);
    await page.locator('[data-position-id]').first().waitFor();
    const overview = new Map<number, { contract: string; usage: string }>();
    for (const line of await page.locator('li[data-position-id]').all()) {
      overview.set(Number(await line.getAttribute('data-position-id')), {
        contract: await text(line.locator('[data-field="contractPosition"]')),
        usage: await text(line.locator('[data-field="usagePosition"]')),
      });
    }
    const stat = async (name: string) => Number(await page.locator(`[data-stat="${name}"]`).getAttribute('data-value'));
    const overviewOverAssigned = await stat('over-assigned');
    const overviewWithoutSeat = await stat('active-without-seat');
    await screenshot(page, 'consistency-overview');

    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    const table = new Map<number, Record<string, string>>();
    for (const row of report.subscriptions) {
      const line = page.locator(`tr[data-subscription-id="${row.subscriptionId}"]`);
      table.set(row.subscriptionId, {
        seats: await text(line.locator('[data-field="seats"]')),
        assigned: await text(line.locator('[data-field="assigned"]')),
        // A pool's or a site licence's cell adds the people using it on a second line.
        active: (await text(line.locator('[data-field="active"]'))).split('\n')[0]!.trim(),
        activePeople:
          (await line.locator('[data-field="activePeople"]').count()) > 0
            ? (await text(line.locator('[data-field="activePeople"]'))).replace(/ using it$/, '')
            : '',
        idle: await text(line.locator('[data-field="idle"]')),
        utilization: (await text(line.locator('[data-field="utilization"]'))).replace(/\s+/g, ''),
        annualCost: await text(line.locator('[data-field="annualCost"]')),
        reclaimableAnnualCost: await text(line.locator('[data-field="reclaimableAnnualCost"]')),
      });
    }

    await openPage(page, '#/reports', /^Reports$/);
    const printed = new Map<number, string>();
    for (const line of await page.locator('article tr[data-subscription-id]').all()) {
      printed.set(
        Number(await line.getAttribute('data-subscription-id')),
        await text(line.locator('[data-field="position"]')),
      );
    }
    await screenshot(page, 'consistency-reports');

    const csv = await downloadCsv();
    expect([...csv.keys()].sort()).toEqual(report.subscriptions.map((r) => String(r.subscriptionId)).sort());
    expect([...overview.keys()].sort((a, b) => a - b)).toEqual(
      report.subscriptions.map((r) => r.subscriptionId).sort((a, b) => a - b),
    );

    let overAssigned = 0;
    let withoutSeat = 0;
    for (const row of report.subscriptions) {
      const name = `${row.appName} ${row.plan}`;
      const detail = await readDetail(row);
      const line = table.get(row.subscriptionId)!;
      const file = csv.get(String(row.subscriptionId))!;
      const position = `${detail.contractPosition}; ${detail.usagePosition}`;

      // The same words on the detail page, the overview and the CSV.
      expect(overview.get(row.subscriptionId), name).toEqual({
        contract: detail.contractPosition,
        usage: detail.usagePosition,
      });
      expect([file['contract position'], file['usage position']], name).toEqual([
        detail.contractPosition,
        detail.usagePosition,
      ]);
      expect(printed.get(row.subscriptionId), name).toBe(position);

      // The same numbers on the detail page, in the table and in the CSV.
      expect([line.seats, line.assigned, line.active, line.idle], name).toEqual([
        detail.seats,
        detail.assigned,
        detail.active,
        detail.idle,
      ]);
      expect(line.utilization, name).toBe(detail.utilization);
      if (row.metric === 'concurrent' || row.metric === 'site')
        expect(line.activePeople, name).toBe(detail.activePeople);
      expect([line.annualCost, line.reclaimableAnnualCost], name).toEqual([
        detail.annualCost,
        detail.reclaimableAnnualCost,
      ]);
      const csvNumber = (column: string) => (file[column] === '' ? null : Number(file[column]));
      expect(
        [
          csvNumber('seats purchased'),
          csvNumber('seats assigned'),
          csvNumber('active'),
          csvNumber('idle'),
          csvNumber('never used'),
          csvNumber('left'),
          csvNumber('over assigned'),
          csvNumber('active without seat'),
          csvNumber('reclaimable'),
          csvNumber('active people'),
          csvNumber('peak daily active'),
          csvNumber('needed seats'),
        ],
        name,
      ).toEqual(
        (
          [
            'seats',
            'assigned',
            'active',
            'idle',
            'never_used',
            'left',
            'overAssigned',
            'activeWithoutSeat',
            'reclaimable',
            'activePeople',
            'peakDailyActive',
            'neededSeats',
          ] as const
        ).map((f) => number(detail[f])),
      );
      expect(csvNumber('utilization %') === null ? '–' : `${Math.round(csvNumber('utilization %')!)}%`, name).toBe(
        detail.utilization,
      );

      // And the API says the same.
      const apiFields = [
        'seats',
        'assigned',
        'activePeople',
        'peakDailyActive',
        'neededSeats',
        'overAssigned',
        'activeWithoutSeat',
        'reclaimable',
      ] as const;
      expect(
        apiFields.map((f) => number(detail[f])),
        name,
      ).toEqual(apiFields.map((f) => row[f]));

      // The usage story is told by the people using the app: a pool by its peak, a site licence by everyone using it.
      if (row.metric === 'concurrent')
        expect(detail.usagePosition, name).toContain(`at most ${detail.peakDailyActive} on one day`);
      if (row.metric === 'site' || row.metric === 'concurrent')
        expect(detail.usagePosition, name).toContain(`${detail.activePeople} people active`);

      // Every seat alert about this subscription tells both positions in exactly these words, and names it once.
      const about = alerts.filter(
        (a) => a.subject.type === 'subscription' && a.subject.id === String(row.subscriptionId),
      );
      for (const alert of about) {
        expect(alert.subject.name, name).not.toMatch(
          new RegExp(`^${literally(row.appName)} ${literally(row.appName)}\\b`),
        );
        expect(alert.message.split(alert.subject.name).length - 1, `${name}: ${alert.message}`).toBe(1);
        if (['over_assigned', 'seats_low', 'reclaimable'].includes(alert.kind))
          expect(alert.message, name).toContain(position);
        if (alert.kind === 'reclaimable')
          expect(alert.message, name).toContain(
            `${detail.reclaimable} seats to reclaim, ${detail.reclaimableAnnualCost} a year`,
          );
      }
      // An over-assignment or a shortfall on the page is an alert, and an alert is one on the page.
      const overOrShort =
        (number(detail.overAssigned)! > 0 || detail.licencePosition.endsWith(' short')) &&
        (row.metric === 'named_user' || row.metric === 'concurrent');
      expect(
        about.some((a) => a.kind === 'over_assigned'),
        `${name}: ${position}`,
      ).toBe(overOrShort);

      overAssigned += number(detail.overAssigned)!;
      withoutSeat += number(detail.activeWithoutSeat)!;
    }
    expect([overviewOverAssigned, overviewWithoutSeat]).toEqual([overAssigned, withoutSeat]);
  });

  it('a concurrent pool and a site licence are told by the people using them, not by an empty seat list', async () => {
    const zoom = byApp('zoom');
    const workspace = byApp('google-workspace');
    expect(zoom.counts.active).toBe(0);
    expect(zoom.peakDailyActive).toBeGreaterThan(0);
    expect(workspace.activePeople).toBeGreaterThan(100);

    const detail = await readDetail(zoom);
    expect(detail.utilization).toBe(`${Math.round((zoom.peakDailyActive * 100) / zoom.seats!)}%`);
    expect(detail.contractPosition).toBe(`${zoom.seats} concurrent seats bought`);
    expect(detail.usagePosition).toMatch(
      new RegExp(
        `^${zoom.activePeople} people active, at most ${zoom.peakDailyActive} on one day, so \\d+ (spare|short)$`,
      ),
    );
    await page.getByText('No seat list is imported').waitFor();
    await screenshot(page, 'consistency-zoom');

    const site = await readDetail(workspace);
    expect(site.activePeople).toBe(String(workspace.activePeople));
    expect(site.contractPosition).toBe('site licence for everyone');
    await screenshot(page, 'consistency-google-workspace');

    const notion = await readDetail(byApp('notion'));
    await screenshot(page, 'consistency-notion');
    expect(notion.contractPosition).toMatch(/^\d+ assigned on 180 bought/);
  });

  it('the overview shows spend by department and savings in every currency, and utilisation in percent', async () => {
    await openPage(page, '#/overview', /^Overview$/);
    const currencies = Object.keys(report.totals.byCurrency).sort();
    expect(currencies).toEqual(['EUR', 'GBP', 'USD']);
    expect(
      (
        await page
          .locator('[data-spend-currency]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-spend-currency')))
      ).sort(),
    ).toEqual(currencies);
    expect(
      (
        await page
          .locator('[data-savings-currency]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-savings-currency')))
      ).sort(),
    ).toEqual(currencies);
    for (const currency of currencies) {
      const label = await page.locator(`[data-spend-currency="${currency}"] canvas`).getAttribute('aria-label');
      expect(label).toMatch(new RegExp(`^Annual spend by department in ${currency}: .+`));
    }
    await page.getByRole('heading', { name: 'Seats in use by subscription (% of seats bought)' }).waitFor();
    expect(
      await page.locator('canvas[aria-label^="Seats in use per subscription"]').getAttribute('aria-label'),
    ).toMatch(/Zoom Business \d+%/);
    await screenshot(page, 'consistency-overview-currencies');
  });
});

describe('the alerts page', () => {
  const moneyNamesAndFilters =
    'money reads as on the dashboard, names are said once, and kind and severity filters narrow the list';
  it(moneyNamesAndFilters, async () => {
    await openPage(page, '#/alerts', /^Alerts$/);
    const all = await api.get<Alert[]>('/api/v1/alerts?state=open&limit=500');
    expect(all.length).toBeGreaterThanOrEqual(10);
    const rows = page.locator('tr[data-alert-id]');
    await expect.poll(() => rows.count()).toBe(all.length);
    const shown = await rows.locator('[data-field="message"]').allInnerTexts();
    for (const message of shown) {
      expect(message).not.toMatch(/\d\.\d\d (USD|EUR|GBP)/);
      expect(message).not.toMatch(/\b(\w+) \1\b/);
    }
    const gong = all.find((a) => a.subject.name.includes('Gong'))!;
    expect(gong.subject.name).toBe('Gong Foundation');
    expect(shown.some((m) => /[£€$][\d,]+ a year/.test(m))).toBe(true);

    await page.getByLabel('Kind').selectOption({ label: 'Seats to reclaim' });
    const reclaimable = await api.get<Alert[]>('/api/v1/alerts?state=open&kind=reclaimable&limit=500');
    expect(reclaimable.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')))).sort())
      .toEqual(reclaimable.map((a) => String(a.id)).sort());
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-kind'))))).toEqual(
      new Set(['reclaimable']),
    );
    await screenshot(page, 'alerts-kind-filter');

    await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
    await page.getByLabel('Severity').selectOption({ label: 'Critical' });
    const critical = all.filter((a) => a.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')))).sort())
      .toEqual(critical.map((a) => String(a.id)).sort());
    await page
      .getByRole('status')
      .filter({ hasText: `${critical.length} open alert${critical.length === 1 ? '' : 's'} matching the filters` })
      .waitFor();

    await page.getByLabel('Kind').selectOption({ label: 'Shadow IT' });
    await page.getByText('No open alerts match these filters.').waitFor();
    expect(await rows.count()).toBe(0);
    await screenshot(page, 'alerts-no-match');
  });
});
