// Real Chromium with the built extension and the real server: the person browses a catalog app, uploads, and the
// popup's "What your company sees" shows the server's own view: its email, the retention period, the same seconds the
// server's API reports, and each seat with the status the subscription's holders show.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceMe } from '../../server/contract.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  APP_URL,
  configureAndConnect,
  countingApp,
  OTHER_URL,
  readStorage,
  type Session,
  serverSeconds,
  spend,
  startSession,
} from './support/extension-session.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/extension');
const PERSON = 'company.view@example.com';

let session: Session;

beforeAll(async () => {
  session = await startSession();
  await configureAndConnect(session, { userEmail: PERSON });
});
afterAll(async () => session?.close());

async function subscription(appId: string, plan: string): Promise<number> {
  const { id } = await session.api.post<{ id: number }>('/api/v1/subscriptions', {
    appId,
    plan,
    metric: 'named_user',
    seats: 2,
    unitCost: 1_000,
    currency: 'USD',
    billingPeriod: 'monthly',
    // Any measured second counts, so a short session makes the seat active.
    minActiveMinutes: 0,
  });
  await session.api.post(`/api/v1/subscriptions/${id}/seats`, { email: PERSON, assignedAt: '2026-01-05' });
  return id;
}

/** The person's status among a subscription's holders, as the dashboard's detail page shows it. */
async function holderStatus(subscriptionId: number): Promise<string> {
  const detail = await session.api.get<{ holders: { email: string; status: string }[] }>(
    `/api/v1/subscriptions/${subscriptionId}/reconciliation`,
  );
  return detail.holders.find((holder) => holder.email === PERSON)!.status;
}

const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();

it("shows the server's view of the person after an upload, with the server's seconds and seat statuses", async () => {
  const slack = await subscription('slack', 'Business+');
  const notion = await subscription('notion', 'Team');
  const { context, extensionId } = session.browser;

  const page = context.pages()[0] ?? (await context.newPage());
  await page.bringToFront();
  await page.goto(APP_URL);
  await waitFor('Slack to count', async () => (await countingApp(session)) === 'slack');
  await spend(3);
  await page.goto(OTHER_URL);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // Opened before any upload: enrolled, so the server answers, and holds nothing yet.
  await popup.locator('#company-no-usage:not([hidden])').waitFor({ timeout: 15_000 });
  expect(await text(popup, '#company-signed-in')).toBe(`Signed in as ${PERSON}.`);

  await popup.click('#upload-now');
  await popup.locator('#upload-result', { hasText: /^Uploaded/ }).waitFor({ timeout: 30_000 });
  const onServer = await serverSeconds(session, PERSON, 'slack');
  expect(onServer).toBeGreaterThan(0);

  // The upload refreshes the section: its Slack row carries the server's figure.
  const row = popup.locator('#company-apps tr[data-app-id="slack"]');
  await row.waitFor({ timeout: 15_000 });
  expect(Number(await row.locator('td').nth(1).getAttribute('data-seconds'))).toBe(onServer);
  expect(await row.locator('td').nth(2).innerText()).toBe('1');
  expect(await popup.locator('#company-state').isHidden()).toBe(true);
  expect(await text(popup, '#company-retention')).toMatch(/^The server keeps usage for 400 days \(from \d{4}-/);

  // The same figures as the API the device itself reads, and seat statuses as the holders API gives them.
  const device = (await readStorage<{ deviceToken: string }>(session, 'device'))!;
  const reply = await fetch(`${session.seatwise.url}/api/v1/devices/me`, {
    headers: { authorization: `Bearer ${device.deviceToken}` },
  });
  const me = (await reply.json()) as DeviceMe;
  expect(me.apps).toEqual([expect.objectContaining({ appId: 'slack', activeSeconds: onServer, days: 1 })]);
  const statuses = { [slack]: await holderStatus(slack), [notion]: await holderStatus(notion) };
  expect(statuses).toEqual({ [slack]: 'active', [notion]: 'never_used' });
  for (const seat of me.seats) {
    const shown = popup.locator(`#company-seats tr[data-seat-id="${seat.seatId}"]`);
    expect(await shown.getAttribute('data-status')).toBe(statuses[seat.subscriptionId]);
  }
  expect(await popup.locator('#company-seats tbody tr').count()).toBe(2);
  expect(await text(popup, `#company-seats tr[data-status="active"] td:nth-child(3)`)).toMatch(/^● Active: /);
  expect(await text(popup, `#company-seats tr[data-status="never_used"] td:nth-child(3)`)).toMatch(/^✕ Never used/);

  mkdirSync(SCREENSHOTS, { recursive: true });
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-company-view.png'), fullPage: true });

  // The server goes away: the section says so and shows what this browser holds.
  const port = Number(new URL(session.seatwise.url).port);
  await session.seatwise.stop({ keepData: true });
  await popup.reload();
  await popup.locator('#company-state[data-state="unreachable"]').waitFor({ timeout: 15_000 });
  expect(await text(popup, '#company-state')).toContain(`(http://127.0.0.1:${port}) could not be reached`);
  expect(await popup.locator('#company-apps tr[data-app-id="slack"]').count()).toBe(1);
  expect(await popup.locator('#company-signed-in').isHidden()).toBe(true);
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-company-view-unreachable.png'), fullPage: true });
});
