// The dashboard in Debian's Chromium against the real server with the demo company: every page renders the API's
// figures, passes axe-core without serious or critical violations, and is kept as a screenshot; a seat list is
// imported through the preview, a seat is reclaimed, and a viewer gets no edit controls.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredApp, PersonList, Reconciliation, SubscriptionReconciliation } from '../../server/contract.ts';
import { mimePart, startSmtpListener } from '../support/smtp-listener.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import {
  launchBrowser,
  openPage,
  SCREENSHOTS,
  screenshot,
  seriousViolations,
  signInPage,
} from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;
let report: Reconciliation;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;

beforeAll(async () => {
  smtp = await startSmtpListener();
  // The scheduler looks for due work every second, so reclaim emails leave at once.
  seatwise = await startSeatwise({ SEATWISE_JOB_TICK_SECONDS: '1' }, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  report = await api.get<Reconciliation>('/api/v1/reconciliation');
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  await smtp?.close();
});

const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).trim();
const byName = (name: string) => report.subscriptions.find((r) => r.appName === name)!;

describe('every page, as an admin', () => {
  const pages: [string, string, RegExp][] = [
    ['overview', '#/overview', /^Overview$/],
    ['subscriptions', '#/subscriptions', /^Subscriptions$/],
    ['subscription-detail', '', /^Slack Business\+$/],
    ['alerts', '#/alerts', /^Alerts$/],
    ['reclaims', '#/reclaims', /^Reclaims$/],
    ['people', '#/people', /^People$/],
    ['person-detail', '', /.+/],
    ['shadow-it', '#/shadow-it', /^Shadow IT$/],
    ['renewals', '#/renewals', /^Renewals$/],
    ['reports', '#/reports', /^Reports$/],
    ['settings', '#/settings', /^Settings$/],
  ];

  it.each(pages)(
    '%s renders, has no serious accessibility violations, and is kept as a screenshot',
    async (name, path, heading) => {
      let hash = path;
      if (name === 'subscription-detail') hash = `#/subscriptions/${byName('Slack').subscriptionId}`;
      if (name === 'person-detail')
        hash = `#/people/${(await api.get<PersonList>('/api/v1/people?limit=1')).people[0]!.id}`;
      await openPage(page, hash, heading);
      await screenshot(page, name);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    },
  );
});

describe('figures equal the API', () => {
  it('overview: spend and reclaimable per currency, exposure and coverage', async () => {
    const coverage = await api.get<{ reportingLast7Days: number }>('/api/v1/coverage');
    await openPage(page, '#/overview', /^Overview$/);
    const raw = (stat: string) => page.locator(`[data-stat="${stat}"]`).getAttribute('data-value');
    for (const [currency, totals] of Object.entries(report.totals.byCurrency)) {
      expect(await raw(`spend-${currency}`), currency).toBe(String(totals.annualCost));
      expect(await raw(`reclaimable-${currency}`), currency).toBe(String(totals.reclaimableAnnualCost));
    }
    // Seats and people are different things: shown apart, never added up.
    expect(await raw('over-assigned')).toBe(String(report.subscriptions.reduce((sum, r) => sum + r.overAssigned, 0)));
    expect(await raw('active-without-seat')).toBe(
      String(report.subscriptions.reduce((sum, r) => sum + r.activeWithoutSeat, 0)),
    );
    expect(await page.locator('[data-stat="exposure"]').count()).toBe(0);
    expect(await raw('coverage')).toBe(String(coverage.reportingLast7Days));
  });

  it('subscriptions: seats, assigned and statuses per row', async () => {
    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    for (const row of report.subscriptions) {
      const cells = page.locator(`tr[data-subscription-id="${row.subscriptionId}"]`);
      expect(await text(cells.locator('[data-field="assigned"]')), row.appName).toBe(String(row.assigned));
      // Seat holders active; a pool or a site licence adds the people using it on a second line.
      expect((await text(cells.locator('[data-field="active"]'))).split('\n')[0], row.appName).toBe(
        String(row.counts.active),
      );
      if (row.metric === 'concurrent' || row.metric === 'site')
        expect(await text(cells.locator('[data-field="activePeople"]')), row.appName).toBe(
          `${row.activePeople} using it`,
        );
      expect(await text(cells.locator('[data-field="idle"]')), row.appName).toBe(String(row.counts.idle));
      expect(await text(cells.locator('[data-field="seats"]')), row.appName).toBe(
        row.seats === null ? '–' : String(row.seats),
      );
    }
  });

  it('subscription detail: every status count and the holders total', async () => {
    const row = byName('Notion');
    await openPage(page, `#/subscriptions/${row.subscriptionId}`, /Notion/);
    for (const [status, count] of Object.entries(row.counts)) {
      expect(await text(page.locator(`[data-figures] [data-field="${status}"]`)), status).toBe(String(count));
    }
    expect(await text(page.locator('[data-figures] [data-field="reclaimable"]'))).toBe(String(row.reclaimable));
    await expect.poll(() => page.locator('tr[data-seat-id]').count()).toBe(Math.min(50, row.assigned));
  });

  it('shadow IT: users per app over the 30 days the page names, as the alert counts them', async () => {
    const since = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const discovered = await api.get<DiscoveredApp[]>(`/api/v1/discovered?since=${since}`);
    expect(discovered.length).toBeGreaterThan(0);
    await openPage(page, '#/shadow-it', /^Shadow IT$/);
    for (const app of discovered)
      expect(await text(page.locator(`tr[data-app-id="${app.appId}"] [data-field="users"]`)), app.appId).toBe(
        String(app.users),
      );
  });

  it('people: the total matches', async () => {
    const people = await api.get<PersonList>('/api/v1/people?limit=1');
    await openPage(page, '#/people', /^People$/);
    await expect
      .poll(() => text(page.getByRole('status').filter({ hasText: /people$/ })))
      .toBe(`${people.total.toLocaleString('en-US')} people`);
  });
});

describe('acting from the dashboard', () => {
  it('imports a seat CSV after showing exactly what will change', async () => {
    const row = byName('Zoom');
    await openPage(page, `#/subscriptions/${row.subscriptionId}`, /Zoom/);
    const csv = [
      'Email,Status,Last login',
      'new.hire@demo.seatwise.dev,Active,2026-11-01',
      'bot@demo.seatwise.dev,Bot,',
      'second.hire@demo.seatwise.dev,Active,',
      '',
    ].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'zoom-users.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = page.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await text(preview.locator('[data-count="added"]'))).toBe('2 added');
    expect(await text(preview.locator('[data-count="skipped"]'))).toBe('1 skipped');
    const before = (await api.get<{ email: string }[]>(`/api/v1/subscriptions/${row.subscriptionId}/seats`)).length;
    expect(before).toBe(row.assigned);
    await screenshot(page, 'seat-import-preview');
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported zoom-users.csv' }).waitFor();
    const seats = await api.get<{ email: string }[]>(`/api/v1/subscriptions/${row.subscriptionId}/seats`);
    expect(seats.map((s) => s.email)).toEqual(
      expect.arrayContaining(['new.hire@demo.seatwise.dev', 'second.hire@demo.seatwise.dev']),
    );
    expect(seats).toHaveLength(before + 2);
  });

  const reclaimsThroughTheEmailedLink =
    'reclaims an idle seat: the holder gives it back through the emailed link, IT revokes it, ' +
    'the saving is recorded';
  it(reclaimsThroughTheEmailedLink, async () => {
    await api.send('PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      allowUnencrypted: true,
      username: null,
      from: 'it@demo.seatwise.dev',
    });
    const row = byName('Slack');
    const idle = await api.get<SubscriptionReconciliation>(
      `/api/v1/subscriptions/${row.subscriptionId}/reconciliation?status=idle&limit=1`,
    );
    const holder = idle.holders[0]!;

    // IT proposes the seat from the subscription's page.
    await openPage(page, `#/subscriptions/${row.subscriptionId}`, /Slack/);
    await page.getByLabel('Status').selectOption('idle');
    const line = page.locator(`tr[data-seat-id="${holder.seatId}"]`);
    await line.waitFor();
    await line.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Reclaim 1 selected seat' }).click();
    await page.getByRole('status').filter({ hasText: '1 reclaim created; 1 holder will be asked by email' }).waitFor();

    // The holder gets the email and answers in the browser, without signing in.
    const mail = await waitFor('the reclaim email', () => smtp.mails.find((m) => m.to.includes(holder.email)), {
      timeoutMs: 30_000,
    });
    const link = mimePart(mail.raw, 'text/plain').match(/https?:\/\/\S+\/reclaim\/[A-Za-z0-9_.-]+/)![0];
    const holderPage = await browser.newPage();
    await holderPage.goto(link);
    await holderPage.getByRole('heading', { name: 'Do you still need Slack Business+?' }).waitFor();
    await screenshot(holderPage, 'reclaim-link');
    await holderPage.getByRole('button', { name: 'Give the seat back' }).click();
    await holderPage.getByText('You gave the seat back').waitFor();
    await holderPage.close();

    // IT confirms it removed the account in Slack's console.
    await openPage(page, '#/reclaims', /^Reclaims$/);
    await page.getByRole('button', { name: 'Ready to revoke' }).click();
    const reclaimRow = page.locator(`tr[data-email="${holder.email}"]`);
    await reclaimRow.waitFor();
    expect(await text(reclaimRow.locator('[data-field="state"]'))).toBe('Given back');
    await reclaimRow.getByRole('checkbox').check();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke (removed in the vendor console)' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked: 1.' }).waitFor();

    const seats = await api.get<{ id: number }[]>(`/api/v1/subscriptions/${row.subscriptionId}/seats`);
    expect(seats.map((s) => s.id)).not.toContain(holder.seatId);
    const savings = await api.get<{ byCurrency: Record<string, { realised: number }> }>('/api/v1/savings');
    expect(savings.byCurrency.USD!.realised).toBe(15_000);
    await openPage(page, '#/overview', /^Overview$/);
    expect(await page.locator('[data-stat="realised-USD"]').getAttribute('data-value')).toBe('15000');
  });

  it('shows a viewer every figure but no control to change them', async () => {
    await api.post('/api/v1/users', { email: 'viewer@example.com', role: 'viewer', password: 'viewer-password-1' });
    const viewer = await signInPage(browser, seatwise.url, 'viewer@example.com', 'viewer-password-1', {
      width: 390,
      height: 844,
    });
    await openPage(viewer, '#/subscriptions', /^Subscriptions$/);
    expect(await viewer.getByRole('button', { name: 'Add subscription' }).count()).toBe(0);
    await openPage(viewer, `#/subscriptions/${byName('Slack').subscriptionId}`, /Slack/);
    await viewer.locator('tr[data-seat-id]').first().waitFor();
    expect(await viewer.getByRole('checkbox').count()).toBe(0);
    expect(await viewer.locator('input[type=file]').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await openPage(viewer, '#/settings', /^Settings$/);
    expect(await viewer.getByRole('heading', { name: 'Users and roles' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Save defaults' }).count()).toBe(0);
    await openPage(viewer, '#/overview', /^Overview$/);
    await screenshot(viewer, 'overview-viewer-narrow');
    expect(await seriousViolations(viewer)).toEqual([]);
    await viewer.close();
  });
});

describe('moving between pages (the route table)', () => {
  const LINKS = [
    'Overview',
    'Subscriptions',
    'Alerts',
    'Reclaims',
    'People',
    'Shadow IT',
    'Spend',
    'Renewals',
    'Reports',
  ];
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const current = () => nav().locator('[aria-current="page"]').allInnerTexts();
  const titled = (title: string) => page.waitForFunction((expected) => document.title === expected, title);

  it('the header links every page, marks the one shown, and the document title names it', async () => {
    await openPage(page, '#/overview', /^Overview$/);
    expect(await nav().getByRole('link').allInnerTexts()).toEqual([...LINKS, 'Settings']);
    for (const name of [...LINKS, 'Settings']) {
      await nav().getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
      await titled(`${name} · Seatwise`);
      expect(await current()).toEqual([name]);
      expect(new URL(page.url()).hash).toBe(`#/${name.toLowerCase().replace(' ', '-')}`);
    }
  });

  it('an unknown path shows Page not found; a detail page shows the item of its id and marks its list', async () => {
    await openPage(page, '#/no-such-page', 'Page not found');
    await titled('Seatwise · Seatwise');
    expect(await current()).toEqual([]);

    const [first, second] = (await api.get<PersonList>('/api/v1/people?limit=2')).people;
    await openPage(page, `#/people/${first!.id}`, first!.name ?? first!.email);
    await titled('People · Seatwise');
    expect(await current()).toEqual(['People']);
    // Another id mounts the page afresh: the second person's name, never the first one's left over.
    await openPage(page, `#/people/${second!.id}`, second!.name ?? second!.email);
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual([second!.name ?? second!.email]);
    await page.getByRole('link', { name: '← People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People', exact: true }).waitFor();
    expect(await current()).toEqual(['People']);
  });
});

describe('pages and charts in chunks of their own', () => {
  /** A phone-sized tab signed in afresh, noting every script it fetches. */
  async function freshPhone() {
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    const errors: string[] = [];
    phone.on('pageerror', (error) => errors.push(error.message));
    const scripts: string[] = [];
    phone.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await phone.goto(seatwise.url);
    await phone.fill('#email', E2E_ADMIN.email);
    await phone.fill('#password', E2E_ADMIN.password);
    await phone.click('button[type=submit]');
    await phone.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await phone.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    return { phone, scripts, errors };
  }
  const fetched = (scripts: string[], chunk: string) =>
    scripts.some((path) => new RegExp(`^/assets/${chunk}-[\\w-]+\\.js$`).test(path));

  it('loads each page when its header link is first followed, and chart.js once a chart comes near', async () => {
    const { phone, scripts, errors } = await freshPhone();
    try {
      // The first load has the overview but no other page, and no chart.js while the charts are out of sight.
      for (const chunk of ['Subscriptions', 'Settings', 'Reports', 'chart-js']) {
        expect(fetched(scripts, chunk), `${chunk} in the first load: ${scripts.join(', ')}`).toBe(false);
      }
      // The overview draws its sections one task after another; once it no longer says it is busy, all are there.
      expect(await phone.locator('main').getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
        'Licence position',
        'Savings',
        'Spend by department',
        'Seats in use by subscription (% of seats bought)',
        'People active per day (last 30 days)',
        'Next renewals',
      ]);
      const utilization = phone.locator('canvas[aria-label^="Seats in use per subscription"]');
      expect(await utilization.getAttribute('data-chart')).toBe('waiting');

      await utilization.scrollIntoViewIfNeeded();
      await phone.locator('canvas[aria-label^="Seats in use per subscription"][data-chart="drawn"]').waitFor();
      expect(fetched(scripts, 'chart-js')).toBe(true);
      // Drawn: the canvas has coloured pixels, not only its empty box.
      const painted = await utilization.evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) coloured += 1;
        return coloured;
      });
      expect(painted).toBeGreaterThan(100);
      await phone.screenshot({ path: `${SCREENSHOTS}/overview-chart-phone.png` });

      const chunks: Record<string, string> = {
        Subscriptions: 'Subscriptions',
        Alerts: 'Alerts',
        Reclaims: 'Reclaims',
        People: 'People',
        'Shadow IT': 'ShadowIt',
        Renewals: 'Renewals',
        Reports: 'Reports',
        Settings: 'Settings',
      };
      const menu = phone.getByRole('navigation', { name: 'Main' });
      for (const [link, chunk] of Object.entries(chunks)) {
        // On a phone the header links may sit behind a menu button; the hash is what they set.
        const anchor = menu.getByRole('link', { name: link, exact: true });
        if (await anchor.isVisible()) await anchor.click();
        else await phone.evaluate((hash) => (window.location.hash = hash), (await anchor.getAttribute('href'))!);
        await phone.getByRole('heading', { level: 1, name: link, exact: true }).waitFor();
        await phone.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
        expect(fetched(scripts, chunk), `${chunk} fetched for ${link}`).toBe(true);
        // The page's own content is there, not only its heading.
        const content = await phone.locator('main').innerText();
        expect(content.replace(link, '').trim().length, `${link}: ${content}`).toBeGreaterThan(20);
      }
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('says a page could not be loaded when its chunk is gone, and the reload it offers brings the page', async () => {
    const { phone, errors } = await freshPhone();
    try {
      // As after a deploy that replaced the files this tab's index.html names.
      const reports = /\/assets\/Reports-[\w-]+\.js$/;
      await phone.route(reports, (route) => route.abort());
      await phone.evaluate(() => (window.location.hash = '#/reports'));
      const alert = phone.getByRole('alert').filter({ hasText: 'This page could not be loaded' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('reload to get the new version');
      await phone.screenshot({ path: `${SCREENSHOTS}/chunk-failed-phone.png` });

      await phone.unroute(reports);
      await alert.getByRole('button', { name: 'Reload' }).click();
      await phone.getByRole('heading', { level: 1, name: 'Reports', exact: true }).waitFor();
      await phone.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
      expect(await phone.getByText('This page could not be loaded').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
