// IT connects a subscription to its vendor's SCIM endpoint through the dashboard, in Debian's Chromium on the demo
// company: tests the connection, connects, previews and runs a sync, reclaims an idle seat and revokes it, and the
// test's SCIM server (a real one on 127.0.0.1) shows the user deactivated.

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  Connector,
  ConnectorRun,
  PersonList,
  Reclaim,
  Reconciliation,
  Seat,
  SubscriptionReconciliation,
} from '../../server/contract.ts';
import { type ScimServer, scimUser, startScimServer } from '../support/scim-server.ts';
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
let scim: ScimServer;
let browser: Browser;
let api: ApiClient;
let page: Page;
let GITHUB: number;

beforeAll(async () => {
  scim = await startScimServer({ token: 'ghp-scim-e2e-token' });
  // The vendor is on 127.0.0.1, as an on-premises one would be.
  seatwise = await startSeatwise({ SEATWISE_CONNECTORS_ALLOW_PRIVATE: '1' }, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { subscriptions } = await api.get<Reconciliation>('/api/v1/reconciliation');
  GITHUB = subscriptions.find((r) => r.appName === 'GitHub')!.subscriptionId;
  // The vendor lists everyone who holds a GitHub seat, and one hire Seatwise does not know yet, over pages of 10.
  const seats = await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`);
  scim.users.push(...seats.map((s) => scimUser(s.email)), scimUser('new.hire@demo.seatwise.dev'));
  scim.quirks.maxPageSize = 10;
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  await scim?.close();
});

it('IT sets up a connector, syncs it, reclaims an idle seat and revokes it at the vendor', async () => {
  await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
  const section = page.getByRole('region', { name: 'Connector' });
  const form = section.getByRole('form', { name: 'Set up a connector' });
  await form.getByLabel('SCIM base URL').fill(scim.baseUrl);
  await form.getByLabel(/^Token/).fill('wrong-token');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await section.locator('[data-field="connection-test"]').filter({ hasText: 'Check the token' }).waitFor();
  await form.getByLabel(/^Token/).fill(scim.token);
  await form.getByRole('button', { name: 'Test connection' }).click();
  const users = scim.users.length;
  await section
    .locator('[data-field="connection-test"]')
    .filter({ hasText: `the vendor lists ${users} users` })
    .waitFor();
  await form.getByLabel('On revoke').selectOption('deactivate');
  await section.screenshot({ path: join(SCREENSHOTS, 'journey-connector-setup-section.png') });
  await screenshot(page, 'journey-connector-setup');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await section.getByRole('button', { name: 'Sync now' }).waitFor();
  const [connector] = await api.get<Connector[]>(`/api/v1/connectors?subscriptionId=${GITHUB}`);
  expect(connector).toMatchObject({ deprovision: 'deactivate', tokenSet: true, lastSyncAt: null });

  await section.getByRole('button', { name: 'Preview sync' }).click();
  await section
    .getByRole('status')
    .filter({ hasText: `Preview of ${users} vendor users: 1 to add, 0 to remove, 0 skipped. Nothing was changed.` })
    .waitFor();
  await section.getByRole('button', { name: 'Sync now' }).click();
  await section
    .getByRole('status')
    .filter({ hasText: `Synced ${users} vendor users: 1 added, 0 removed` })
    .waitFor();
  await section.locator('[data-field="last-sync"]').filter({ hasText: 'OK' }).waitFor();
  await section.locator('tr[data-run-kind="sync"][data-run-outcome="ok"]').waitFor();
  const seats = await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`);
  expect(seats.map((s) => s.email)).toContain('new.hire@demo.seatwise.dev');
  expect(scim.requests.filter((r) => r.path === '/Users' && !r.query.filter).length).toBeGreaterThan(2);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(SCREENSHOTS, 'journey-connector-synced-section.png') });
  await screenshot(page, 'journey-connector-synced');

  // An idle seat, reclaimed without asking (no email is set up), then revoked from the Reclaims page.
  const { holders } = await api.get<SubscriptionReconciliation>(
    `/api/v1/subscriptions/${GITHUB}/reconciliation?limit=1000&status=idle`,
  );
  const holder = holders.find((h) => h.reclaim === null)!;
  await page.getByLabel('Status').selectOption('idle');
  const seatRow = page.locator(`tr[data-seat-id="${holder.seatId}"]`);
  await seatRow.getByRole('checkbox').check();
  await page.getByLabel('Ask the holders by email').uncheck();
  await page.getByRole('button', { name: 'Reclaim 1 selected seat' }).click();
  await page.getByRole('status').filter({ hasText: '1 reclaim created' }).waitFor();

  await openPage(page, '#/reclaims', /^Reclaims$/);
  const row = page.locator(`tr[data-email="${holder.email}"]`);
  await row.locator('[data-field="connector"]').filter({ hasText: 'deactivates the account at the vendor' }).waitFor();
  await row.getByRole('button', { name: 'Mark ready' }).click();
  await row.locator('[data-field="state"]').filter({ hasText: 'Ready to revoke' }).waitFor();
  await screenshot(page, 'journey-connector-reclaim-ready');
  let question = '';
  page.on('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  // The vendor refuses at first: the reclaim stays ready, the row says what the vendor answered, with a retry.
  scim.quirks.deprovisionStatus = 403;
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alert').filter({ hasText: 'the vendor answered 403: Deprovisioning is locked' }).waitFor();
  await row.locator('[data-field="vendor-problem"]').filter({ hasText: 'The vendor did not deactivate' }).waitFor();
  expect(scim.user(holder.email)!.active).toBe(true);
  expect((await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`)).some((s) => s.email === holder.email)).toBe(
    true,
  );
  await screenshot(page, 'journey-connector-vendor-refused');
  scim.quirks.deprovisionStatus = null;
  await row.getByRole('button', { name: 'Retry revoke' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Revoked: ${holder.email}.` })
    .waitFor();
  expect(question).toContain('at the vendor (deactivate)');
  expect(scim.user(holder.email)!.active).toBe(false);
  const [reclaim] = (await api.get<{ reclaims: Reclaim[] }>('/api/v1/reclaims?state=revoked')).reclaims;
  expect(reclaim).toMatchObject({ email: holder.email, state: 'revoked', vendorProblem: null });
  const runs = await api.get<ConnectorRun[]>(`/api/v1/connectors/${connector!.id}/runs`);
  expect(runs[0]).toMatchObject({ kind: 'deprovision', outcome: 'ok', reclaimId: reclaim!.id });
  await screenshot(page, 'journey-connector-revoked');
  expect(await seriousViolations(page)).toEqual([]);

  // A leaver's GitHub seat became a ready reclaim when the connector was set up; IT offboards them from their page.
  const leavers = (
    await api.get<SubscriptionReconciliation>(`/api/v1/subscriptions/${GITHUB}/reconciliation?limit=1000&status=left`)
  ).holders;
  const ready = (await api.get<{ reclaims: Reclaim[] }>('/api/v1/reclaims?state=ready&limit=500')).reclaims;
  const leaver = leavers.find((h) => ready.some((r) => r.email === h.email))!;
  expect(ready.find((r) => r.email === leaver.email)).toMatchObject({
    holderStatus: 'left',
    vendorDeprovision: 'deactivate',
  });
  const person = (await api.get<PersonList>(`/api/v1/people?search=${encodeURIComponent(leaver.email)}`)).people[0]!;
  await openPage(page, `#/people/${person.id}`, person.name ?? person.email);
  const offboarding = page.getByRole('region', { name: 'Offboarding' });
  await offboarding.getByRole('button', { name: 'Revoke all ready seats' }).click();
  await offboarding
    .getByRole('status')
    .filter({ hasText: /^Revoked [1-9]\d*\.$/ })
    .waitFor();
  expect(scim.user(leaver.email)!.active).toBe(false);
  await screenshot(page, 'journey-connector-offboarding');
  await offboarding.getByRole('button', { name: 'Revoke all ready seats' }).click();
  await offboarding.getByRole('status').filter({ hasText: 'Nothing is ready to revoke.' }).waitFor();

  // The vendor answers an empty list: the sync stops before wiping the seats, until IT confirms the removals.
  await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
  const connectorSection = page.getByRole('region', { name: 'Connector' });
  await connectorSection.getByRole('button', { name: 'Test connection' }).click();
  await connectorSection.getByRole('status').filter({ hasText: 'Connected: the vendor lists' }).waitFor();
  const seatsBefore = (await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`)).length;
  scim.users.length = 0;
  await connectorSection.getByRole('button', { name: 'Sync now' }).click();
  await connectorSection
    .getByRole('alert')
    .filter({ hasText: `would remove ${seatsBefore} of ${seatsBefore} seats` })
    .waitFor();
  await connectorSection
    .locator('[data-field="last-sync"]')
    .filter({ hasText: 'Stopped: too many removals' })
    .waitFor();
  expect((await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`)).length).toBe(seatsBefore);
  await connectorSection.screenshot({ path: join(SCREENSHOTS, 'journey-connector-guard-section.png') });
  await connectorSection.getByRole('button', { name: `Sync anyway, removing ${seatsBefore} seats` }).click();
  await connectorSection
    .getByRole('status')
    .filter({ hasText: `0 added, ${seatsBefore} removed` })
    .waitFor();
  expect(await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`)).toEqual([]);

  await connectorSection.getByRole('button', { name: 'Delete connector' }).click();
  await connectorSection.getByRole('form', { name: 'Set up a connector' }).waitFor();
  expect(await api.get<Connector[]>(`/api/v1/connectors?subscriptionId=${GITHUB}`)).toEqual([]);
});
