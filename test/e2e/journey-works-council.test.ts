// Works-council mode in Debian's Chromium on the demo company: finance sees pseudonyms on the People page and among
// a subscription's holders, the idle, never-used and left holders by name, and opens a pseudonymised person's page
// from the holders; an admin sees every name.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIVACY,
  type Person,
  type PersonList,
  type Reconciliation,
  type SubscriptionReconciliation,
} from '../../server/contract.ts';
import { openDatabase } from '../../server/db/client.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'finance-wc@example.com', password: 'finance-password-1' };
const NEEDS_ACTION = 'idle,never_used,left';
const PSEUDONYM = /^Person [0-9a-f]{12}$/;

let seatwise: SeatwiseProcess;
let browser: Browser;
let admin: ApiClient;
let finance: ApiClient;
let financePage: Page;
let adminPage: Page;
let subscriptionId: number;
/** Emails of people holding a seat that needs action on any subscription: they keep their names everywhere. */
const named = new Set<string>();

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  admin = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await admin.post('/api/v1/users', { ...FINANCE, role: 'finance' });
  // The mode is switched on in the database the server runs on (the settings page that does it is another journey).
  const db = await openDatabase({ url: `file:${seatwise.dbPath}` });
  try {
    await savePrivacySettings(db, { ...DEFAULT_PRIVACY, pseudonymise: true });
  } finally {
    db.$client.close();
  }
  finance = await signIn(seatwise.url, FINANCE.email, FINANCE.password);
  const { subscriptions } = await admin.get<Reconciliation>('/api/v1/reconciliation');
  // A subscription with holders needing action and active ones, all on the first page of holders.
  subscriptionId = subscriptions.find(
    (row) => row.counts.idle > 0 && row.counts.active > 0 && row.assigned <= 50,
  )!.subscriptionId;
  for (const row of subscriptions) {
    const path = `/api/v1/subscriptions/${row.subscriptionId}/reconciliation?status=${NEEDS_ACTION}&limit=1000`;
    for (const holder of (await admin.get<SubscriptionReconciliation>(path)).holders) named.add(holder.email);
  }
  browser = await launchBrowser();
  financePage = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password, { width: 1440, height: 900 });
  adminPage = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, {
    width: 1440,
    height: 900,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const holdersAs = async (client: ApiClient) =>
  (await client.get<SubscriptionReconciliation>(`/api/v1/subscriptions/${subscriptionId}/reconciliation?limit=50`))
    .holders;
const rowText = async (page: Page, seatId: number) =>
  (await page.locator(`tr[data-seat-id="${seatId}"] th.person`).innerText()).trim();

describe('works-council mode in the dashboard', () => {
  it('finance sees pseudonyms on the People page, with the note saying why', async () => {
    await openPage(financePage, '#/people', 'People');
    await financePage.getByTestId('pseudonym-note').waitFor();
    const shown = await financePage.locator('tr[data-person-id] th a').allInnerTexts();
    expect(shown.some((name) => PSEUDONYM.test(name.trim()))).toBe(true);
    const real = (await admin.get<PersonList>('/api/v1/people?limit=1000')).people;
    const seen = (await finance.get<PersonList>('/api/v1/people?limit=1000')).people;
    const hidden = new Set(seen.filter((p) => PSEUDONYM.test(p.name ?? '')).map((p) => p.id));
    // Two people may share a name: one shown by name, the other pseudonymised.
    const namesShown = new Set(seen.map((p) => p.name));
    const page = await financePage.locator('main').innerText();
    for (const person of real.filter((p) => hidden.has(p.id))) {
      expect(page).not.toContain(person.email);
      if (person.name && !namesShown.has(person.name)) expect(page).not.toContain(person.name);
    }
    expect(await seriousViolations(financePage)).toEqual([]);
    await screenshot(financePage, 'works-council-people-finance');
  });

  const holdersByName =
    "finance sees a subscription's idle, never-used and left holders by name (everywhere), the others as pseudonyms";
  it(holdersByName, async () => {
    const real = await holdersAs(admin);
    await openPage(financePage, `#/subscriptions/${subscriptionId}`, /./);
    await financePage.getByTestId('pseudonym-note').waitFor();
    let pseudonyms = 0;
    for (const holder of real) {
      const text = await rowText(financePage, holder.seatId);
      if (NEEDS_ACTION.includes(holder.status)) expect(text).toContain(holder.name ?? holder.email);
      // An active holder who needs action on another subscription is named too: a person is never both.
      else if (named.has(holder.email)) expect(text).toContain(holder.email);
      else {
        expect(text).toMatch(PSEUDONYM);
        expect(text).not.toContain(holder.email);
        pseudonyms += 1;
      }
    }
    expect(pseudonyms).toBeGreaterThan(0);
    await screenshot(financePage, 'works-council-holders-finance');
  });

  const searchesAndOpens =
    "finance searches the holders by a pseudonym and opens that person's page, which stays pseudonymised";
  it(searchesAndOpens, async () => {
    const shown = (await holdersAs(finance)).find(
      (holder) => holder.status === 'active' && PSEUDONYM.test(holder.name ?? ''),
    )!;
    await financePage.getByRole('searchbox').fill(shown.name!.slice(7));
    await financePage.getByRole('searchbox').press('Enter');
    await financePage.locator('[role=status]', { hasText: /^1 holder$/ }).waitFor();
    expect(await rowText(financePage, shown.seatId)).toBe(shown.name);
    await openPage(financePage, '#/people', 'People');
    await financePage.getByRole('searchbox').fill(shown.name!.slice(7));
    await financePage.getByRole('searchbox').press('Enter');
    await financePage.locator('[role=status]', { hasText: /^1 person$/ }).waitFor();
    const [found] = (await finance.get<PersonList>(`/api/v1/people?search=${shown.name!.slice(7)}`)).people;
    const real = await admin.get<Person>(`/api/v1/people/${found!.id}`);
    await financePage.getByRole('link', { name: shown.name! }).click();
    await financePage.getByRole('heading', { level: 1, name: shown.name! }).waitFor();
    await financePage.getByTestId('pseudonym-note').waitFor();
    await financePage.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    // The apps used are found by the pseudonym: the page has them, never the real email or name.
    await financePage.getByRole('heading', { name: /apps used/i }).waitFor();
    expect(await financePage.getByText('No measured use in the last 90 days.').count()).toBe(0);
    const text = await financePage.locator('main').innerText();
    expect(text).not.toContain(real.email);
    if (real.name) expect(text).not.toContain(real.name);
    await screenshot(financePage, 'works-council-person-finance');
  });

  it('an admin sees every holder by name and no note', async () => {
    const real = await holdersAs(admin);
    await openPage(adminPage, `#/subscriptions/${subscriptionId}`, /./);
    for (const holder of real) expect(await rowText(adminPage, holder.seatId)).toContain(holder.name ?? holder.email);
    expect(await adminPage.getByTestId('pseudonym-note').count()).toBe(0);
    await screenshot(adminPage, 'works-council-holders-admin');
  });
});
