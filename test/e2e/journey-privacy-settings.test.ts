// An admin sets the privacy controls in Settings in Debian's Chromium: keeps usage for 120 days and turns
// works-council mode on, saves, reloads and sees the values; 30 days is refused with the server's reason and
// nothing is stored; finance then reads the section without being able to change it, and sees pseudonyms on the
// People page and the retention note beside a subscription's holders.

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonList, PrivacySettings, Reconciliation } from '../../server/contract.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import {
  drawCharts,
  launchBrowser,
  openPage,
  SCREENSHOTS,
  screenshot,
  signInPage,
} from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'finance-privacy@example.com', password: 'finance-password-1' };
const PSEUDONYM = /^Person [0-9a-f]{12}$/;

let seatwise: SeatwiseProcess;
let browser: Browser;
let admin: ApiClient;
let adminPage: Page;

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  admin = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await admin.post('/api/v1/users', { ...FINANCE, role: 'finance' });
  browser = await launchBrowser();
  adminPage = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, {
    width: 1440,
    height: 900,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const form = (page: Page) => page.getByRole('form', { name: 'Privacy' });
const retention = (page: Page) => form(page).getByLabel('Keep usage for (days)');
const worksCouncil = (page: Page) => form(page).getByLabel('Works-council mode (pseudonyms)');
const privacy = () => admin.get<PrivacySettings>('/api/v1/settings/privacy');

describe('an admin sets the privacy controls', () => {
  it('keeps usage for 120 days and turns works-council mode on; the values stay after a reload', async () => {
    await openPage(adminPage, '#/settings', /^Settings$/);
    expect(await retention(adminPage).inputValue()).toBe('400');
    expect(await worksCouncil(adminPage).isChecked()).toBe(false);
    const section = adminPage.locator('section', { has: adminPage.getByRole('heading', { name: 'Privacy' }) });
    const help = await section.innerText();
    expect(help).toContain('At least 90 days');
    expect(help).toContain('Lowering it deletes the older usage within a minute of saving');
    expect(await section.getByRole('link', { name: 'privacy guide' }).getAttribute('href')).toBe('/docs/privacy');

    await retention(adminPage).fill('120');
    await worksCouncil(adminPage).check();
    await form(adminPage).getByRole('button', { name: 'Save privacy settings' }).click();
    await form(adminPage)
      .getByRole('status')
      .filter({ hasText: 'Saved. Usage is kept for 120 days; works-council mode is on.' })
      .waitFor();
    expect(await privacy()).toEqual({ usageRetentionDays: 120, pseudonymise: true, minGroupSize: 5 });
    await screenshot(adminPage, 'privacy-saved');
    await section.screenshot({ path: join(SCREENSHOTS, 'privacy-section-saved.png') });

    await adminPage.reload();
    await openPage(adminPage, '#/settings', /^Settings$/);
    await expect.poll(() => retention(adminPage).inputValue()).toBe('120');
    expect(await worksCouncil(adminPage).isChecked()).toBe(true);
  });

  it('30 days is refused with the reason, and nothing is stored', async () => {
    await retention(adminPage).fill('30');
    await form(adminPage).getByRole('button', { name: 'Save privacy settings' }).click();
    const alert = form(adminPage).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/usageRetentionDays: must be at least 90 days/);
    expect(await privacy()).toEqual({ usageRetentionDays: 120, pseudonymise: true, minGroupSize: 5 });
    const { entries } = await admin.get<{ entries: { after: PrivacySettings }[] }>(
      '/api/v1/audit?subjectType=settings&subjectId=privacy',
    );
    expect(entries.map((entry) => entry.after.usageRetentionDays)).toEqual([120]);
    await screenshot(adminPage, 'privacy-refused');
    await form(adminPage).screenshot({ path: join(SCREENSHOTS, 'privacy-section-refused.png') });
  });
});

describe('finance after the change', () => {
  let page: Page;
  beforeAll(async () => {
    page = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password, { width: 1440, height: 900 });
  });

  it('reads the privacy section but cannot change it', async () => {
    await openPage(page, '#/settings', /^Settings$/);
    await expect.poll(() => retention(page).inputValue()).toBe('120');
    await form(page).screenshot({ path: join(SCREENSHOTS, 'privacy-section-finance.png') });
    expect(await retention(page).isDisabled()).toBe(true);
    expect(await worksCouncil(page).isDisabled()).toBe(true);
    expect(await form(page).getByRole('button', { name: 'Save privacy settings' }).count()).toBe(0);
    expect(await form(page).innerText()).toContain('Only an admin changes these.');
  });

  it('sees pseudonyms on the People page', async () => {
    await openPage(page, '#/people', 'People');
    await page.getByTestId('pseudonym-note').waitFor();
    const shown = (await page.locator('tr[data-person-id] th a').allInnerTexts()).map((name) => name.trim());
    expect(shown.some((name) => PSEUDONYM.test(name))).toBe(true);
    const real = (await admin.get<PersonList>('/api/v1/people?limit=1000')).people.map((person) => person.name);
    const masked = shown.filter((name) => PSEUDONYM.test(name));
    expect(masked.some((name) => real.includes(name))).toBe(false);
    await screenshot(page, 'privacy-finance-people');
  });

  it('sees the retention note beside a subscription holders', async () => {
    const { subscriptions } = await admin.get<Reconciliation>('/api/v1/reconciliation');
    const id = subscriptions.find((row) => row.assigned > 0)!.subscriptionId;
    await page.goto(`${seatwise.url}/#/subscriptions/${id}`);
    const note = page.getByTestId('retention-note');
    await note.waitFor();
    expect(await note.innerText()).toContain('Usage older than 120 days is deleted (retention)');
    // The page's charts are drawn once scrolled near: draw them, so the screenshot shows the whole page.
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
    await drawCharts(page);
    await screenshot(page, 'privacy-retention-note');
    await note.locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'privacy-retention-note-holders.png') });
  });
});
