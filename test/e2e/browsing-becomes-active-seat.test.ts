// End to end: a person browses a SaaS app in real Chromium with the extension; the server and the
// dashboard then show them as an active seat holder, with the seconds they actually spent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Reconciliation } from '../../server/contract.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium.ts';
import { type SaasSites, startSaasSites } from './support/saas-sites.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';
import { type Display, ensureDisplay } from './support/xvfb.ts';

const PERSON = 'ada@example.com';
/** Seconds of browsing; long enough that a rounding second either side is a small share of it. */
const BROWSE_SECONDS = 8;
/**
 * Tolerance in seconds between measured and spent time: the extension counts whole seconds at each end of the
 * segment (up to 1 s each) and focus/navigation events reach the worker a few hundred ms after the page does.
 */
const TOLERANCE_SECONDS = 2;

let display: Display;
let seatwise: SeatwiseProcess;
let sites: SaasSites;
let browser: ExtensionBrowser;
let api: ApiClient;

beforeAll(async () => {
  display = await ensureDisplay();
  seatwise = await startSeatwise();
  sites = await startSaasSites();
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  browser = await launchWithExtension({
    display: display.display,
    hostMap: [`MAP *.slack.com 127.0.0.1:${sites.port}`, `MAP www.example.org 127.0.0.1:${sites.port}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await sites?.stop();
  await seatwise?.stop();
  await display?.stop();
});

it('turns one browsing session into an active seat holder on the API and the dashboard', async () => {
  const subscription = await api.post<{ id: number }>('/api/v1/subscriptions', {
    appId: 'slack',
    plan: 'Business+',
    metric: 'named_user',
    seats: 3,
    unitCost: 1_500,
    currency: 'USD',
    billingPeriod: 'monthly',
    // Any measured second counts, so a short test session can make a seat active.
    minActiveMinutes: 0,
  });
  await api.post(`/api/v1/subscriptions/${subscription.id}/seats`, { email: PERSON, assignedAt: '2026-01-05' });
  await api.post(`/api/v1/subscriptions/${subscription.id}/seats`, {
    email: 'grace.h@example.com',
    assignedAt: '2026-01-05',
  });
  const { token: enrollmentToken } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'e2e' });

  // IT's configuration, entered on the options page as a person without a managed policy would.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.fill('#serverUrl', seatwise.url);
  await options.fill('#enrollmentToken', enrollmentToken);
  await options.fill('#userEmail', PERSON);
  await options.click('#save');
  // Saving enrolls and downloads the catalog; until the catalog is there nothing can be recognised.
  await options.locator('#save-status', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await options.close();

  const slack = await browser.context.newPage();
  await slack.goto('https://acme.slack.com/client');
  await slack.bringToFront();
  const started = Date.now();
  // The person's browsing time is the input being measured, so here the test really does spend it.
  await new Promise((done) => setTimeout(done, BROWSE_SECONDS * 1000));
  // Leaving for a site outside the catalog ends the Slack segment.
  await slack.goto('https://www.example.org/');
  const spentSeconds = (Date.now() - started) / 1000;

  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.click('#upload-now');

  const usage = await waitFor(
    'Slack usage to reach the server',
    async () => {
      const rows = await api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${PERSON}`);
      return rows.find((row) => row.appId === 'slack' && row.activeSeconds > 0);
    },
    { timeoutMs: 30_000 },
  );
  console.log(`[e2e] Slack: ${usage.activeSeconds} s measured for ${spentSeconds.toFixed(1)} s spent`);
  expect(Math.abs(usage.activeSeconds - spentSeconds)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
  // Nothing but catalog apps leaves the device: example.org is not in the catalog.
  const everything = await api.get<{ appId: string }[]>(`/api/v1/usage?email=${PERSON}`);
  expect(new Set(everything.map((row) => row.appId))).toEqual(new Set(['slack']));

  const reconciliation = await api.get<Reconciliation>('/api/v1/reconciliation');
  const row = reconciliation.subscriptions.find((r) => r.subscriptionId === subscription.id)!;
  expect(row).toMatchObject({ seats: 3, assigned: 2, unassigned: 1, counts: expect.objectContaining({ active: 1 }) });

  // The dashboard, in the same browser, shows the same figures.
  const dashboard = await browser.context.newPage();
  await dashboard.goto(`${seatwise.url}/#/subscriptions`);
  await dashboard.fill('#email', E2E_ADMIN.email);
  await dashboard.fill('#password', E2E_ADMIN.password);
  await dashboard.click('button[type=submit]');
  const cells = dashboard.locator(`tr[data-subscription-id="${subscription.id}"]`);
  await cells.locator('td[data-field="active"]').waitFor({ timeout: 15_000 });
  const shown = async (field: string) => (await cells.locator(`td[data-field="${field}"]`).innerText()).trim();
  expect(await shown('active')).toBe(String(row.counts.active));
  expect(await shown('seats')).toBe(String(row.seats));
  expect(await shown('assigned')).toBe(String(row.assigned));
  expect(await shown('never_used')).toBe(String(row.counts.never_used));
  expect(await shown('unassigned')).toBe(String(row.unassigned));
});
