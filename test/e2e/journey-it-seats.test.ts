// IT's seat journeys in Debian's Chromium on the demo company, through the dashboard only (the API only checks what
// was stored): importing a vendor seat list with the preview, reclaiming without and with email set up (a real SMTP
// listener), seeing which seats are being reclaimed, and working the Reclaims page row by row.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditList,
  Delivery,
  Holder,
  PersonList,
  Reclaim,
  ReclaimList,
  Reconciliation,
  Seat,
  SubscriptionReconciliation,
} from '../../server/contract.ts';
import { addDays, utcDay } from '../../server/domain/days.ts';
import { mimePart, startSmtpListener } from '../support/smtp-listener.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;

// The demo company: Salesforce gets the imported list, GitHub's idle seats are reclaimed.
let SALESFORCE: number;
let GITHUB: number;

beforeAll(async () => {
  smtp = await startSmtpListener();
  // The scheduler looks for due work every second, so a queued email leaves at once.
  seatwise = await startSeatwise({ SEATWISE_JOB_TICK_SECONDS: '1' }, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { subscriptions } = await api.get<Reconciliation>('/api/v1/reconciliation');
  SALESFORCE = subscriptions.find((r) => r.appName === 'Salesforce')!.subscriptionId;
  GITHUB = subscriptions.find((r) => r.appName === 'GitHub')!.subscriptionId;
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  await smtp?.close();
});

const text = async (locator: ReturnType<Page['locator']>) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const holdersOf = async (subscriptionId: number, query = '') =>
  (
    await api.get<SubscriptionReconciliation>(
      `/api/v1/subscriptions/${subscriptionId}/reconciliation?limit=1000${query}`,
    )
  ).holders;
const reclaims = async () => (await api.get<ReclaimList>('/api/v1/reclaims?limit=500')).reclaims;
/** Nothing sideways: neither the page nor the holders table scrolls horizontally. */
const overflow = (p: Page) =>
  p.evaluate(() => {
    const table = document.querySelector('table.holders')!.closest('.scroll')!;
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      table: table.scrollWidth - table.clientWidth,
    };
  });

async function pickIdle(p: Page, holders: Holder[]) {
  await p.getByLabel('Status').selectOption('idle');
  for (const holder of holders) {
    const row = p.locator(`tr[data-seat-id="${holder.seatId}"]`);
    await row.waitFor();
    await row.getByRole('checkbox').check();
  }
}

describe('IT works the seats of a subscription', () => {
  const importsVendorSeats =
    'imports a vendor seat CSV: the preview says what changes and who is new, the assignment day is set, ' +
    'the seats are stored';
  it(importsVendorSeats, async () => {
    const known = (await api.get<PersonList>('/api/v1/people?limit=500')).people.find(
      (p) => p.status === 'active' && !p.email.startsWith('admin'),
    )!;
    const seatedBefore = new Set(
      (await api.get<Seat[]>(`/api/v1/subscriptions/${SALESFORCE}/seats`)).map((s) => s.email),
    );
    expect(seatedBefore.has(known.email)).toBe(false);
    const newcomers = [
      'nia.new@demo.seatwise.dev',
      'omar.new@demo.seatwise.dev',
      'pia.new@demo.seatwise.dev',
      'quinn.new@demo.seatwise.dev',
      'rui.new@demo.seatwise.dev',
    ];
    const csv = [
      'Email,User Type,Last Login',
      `${known.email},Standard,`,
      ...newcomers.map((email) => `${email},Standard,`),
      'integration@demo.seatwise.dev,Salesforce Integration,',
    ].join('\n');
    const assignedOn = addDays(utcDay(new Date()), -60);

    await openPage(page, `#/subscriptions/${SALESFORCE}`, /Salesforce/);
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'salesforce-users.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    const preview = page.locator('[data-import-preview]');
    await preview.waitFor();
    expect(await text(preview.locator('[data-summary]'))).toBe(
      '7 rows: 6 added, 0 updated, 0 removed, 0 unchanged, 1 skipped.',
    );
    await preview
      .getByText(
        '5 emails are not in the people directory ' +
          '(nia.new@demo.seatwise.dev, omar.new@demo.seatwise.dev, pia.new@demo.seatwise.dev and 2 more)',
      )
      .waitFor();
    await preview.getByText('The file has no date-added column').first().waitFor();
    expect(await preview.getByRole('cell', { name: /^add \(new person\), assigned / }).count()).toBe(5);
    const knownChange = preview.getByRole('row', {
      name: new RegExp(`^${known.email.replace(/\./g, '\\.')} add, assigned `),
    });
    const assignedToday = await text(knownChange);

    // The day the seats were really assigned, so these people do not sit in grace for a month.
    await preview.getByLabel('New seats were assigned on').fill(assignedOn);
    await waitFor(
      'the preview without the date-added warning',
      async () => (await preview.getByText('so new seats count as assigned on').count()) === 0,
    );
    await waitFor('the changes to show the chosen day', async () => (await text(knownChange)) !== assignedToday);
    await screenshot(page, 'journey-seat-import-preview');
    await preview.getByRole('button', { name: 'Apply import' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Imported salesforce-users.csv: 6 added, 0 updated, 0 removed, 0 unchanged.' })
      .waitFor();

    const seats = await api.get<Seat[]>(`/api/v1/subscriptions/${SALESFORCE}/seats`);
    const imported = seats.filter((s) => s.email === known.email || newcomers.includes(s.email));
    expect(imported.map((s) => [s.email, s.assignedAt, s.source]).sort()).toEqual(
      [known.email, ...newcomers].map((email) => [email, assignedOn, 'import']).sort(),
    );
    expect(seats.some((s) => s.email === 'integration@demo.seatwise.dev')).toBe(false);
    const people = (await api.get<PersonList>('/api/v1/people?search=.new%40demo&limit=50')).people
      .map((p) => p.email)
      .sort();
    expect(people).toEqual(newcomers);
  });

  const reclaimsWithoutEmail =
    'reclaims without email set up: the dashboard says so and what to do, nothing is created, ' +
    'then reclaims without asking';
  it(reclaimsWithoutEmail, async () => {
    expect((await api.get<{ smtp: unknown }>('/api/v1/settings/smtp')).smtp).toBeNull();
    const [first, second] = await holdersOf(GITHUB, '&status=idle');
    await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
    await pickIdle(page, [first!, second!]);
    await page.getByRole('button', { name: 'Reclaim 2 selected seats' }).click();

    await page
      .getByRole('alert')
      .filter({ hasText: 'Nothing was reclaimed: no email server is set up, so the holders cannot be asked.' })
      .waitFor();
    const help = page.locator('[data-email-missing]');
    expect(await help.getByRole('link', { name: 'Settings › Email (SMTP)' }).getAttribute('href')).toBe('#/settings');
    await screenshot(page, 'journey-reclaim-no-email');
    expect((await api.get<ReclaimList>('/api/v1/reclaims')).total).toBe(0);
    expect((await api.get<{ total: number }>('/api/v1/deliveries')).total).toBe(0);
    expect((await api.get<AuditList>('/api/v1/audit?action=reclaim.*')).total).toBe(0);

    await help.getByRole('button', { name: 'Reclaim 2 seats without asking' }).click();
    await page.getByRole('status').filter({ hasText: '2 reclaims created. Follow them in Reclaims.' }).waitFor();
    expect((await reclaims()).map((r) => [r.seatId, r.state, r.notifiedAt]).sort()).toEqual(
      [
        [first!.seatId, 'open', null],
        [second!.seatId, 'open', null],
      ].sort(),
    );
    expect((await api.get<{ total: number }>('/api/v1/deliveries')).total).toBe(0);

    // The seats now say they are being reclaimed and cannot be picked again.
    for (const holder of [first!, second!]) {
      const row = page.locator(`tr[data-seat-id="${holder.seatId}"]`);
      await row.locator('[data-field="reclaim"]').filter({ hasText: 'Being reclaimed: proposed' }).waitFor();
      expect(await row.getByRole('checkbox').isDisabled()).toBe(true);
    }
  });

  const reclaimsWithEmail =
    'reclaims with email set up: the holder gets the email, the answer deadline counts from the send, ' +
    'the seat shows it';
  it(reclaimsWithEmail, async () => {
    await openPage(page, '#/settings', /^Settings$/);
    const form = page.getByRole('form', { name: 'SMTP server' });
    await form.getByLabel('Server', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await form.getByLabel('From', { exact: true }).fill('it@demo.seatwise.dev');
    // The test's mail server offers no STARTTLS: a relay on this machine, chosen as such.
    await form.getByRole('radio', { name: /^Unencrypted local relay/ }).check();
    await form.getByRole('button', { name: 'Save email server' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const holder = (await holdersOf(GITHUB, '&status=idle')).find((h) => h.reclaim === null)!;
    await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
    await pickIdle(page, [holder]);
    expect(await page.getByLabel('Ask the holders by email').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Reclaim 1 selected seat' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '1 reclaim created; 1 holder will be asked by email. Follow them in Reclaims.' })
      .waitFor();

    const mail = await waitFor('the reclaim email', () => smtp.mails.find((m) => m.to.includes(holder.email)));
    const reclaim = await waitFor('the reclaim to record the send', async () =>
      (await reclaims()).find((r) => r.seatId === holder.seatId && r.notifiedAt !== null),
    );
    const delivery = (await api.get<{ deliveries: Delivery[] }>('/api/v1/deliveries')).deliveries.find(
      (d) => d.target === holder.email,
    )!;
    expect(delivery).toMatchObject({ event: 'reclaim.request', state: 'delivered' });
    // The deadline is the answer period (7 days) from the day the email went out, and the email says the same.
    expect(reclaim.notifiedAt).toBe(delivery.deliveredAt);
    expect(reclaim.respondBy).toBe(addDays(utcDay(new Date(reclaim.notifiedAt!)), 7));
    expect(Date.parse(reclaim.notifiedAt!)).toBeGreaterThanOrEqual(Date.parse(reclaim.createdAt));
    expect(mimePart(mail.raw, 'text/plain')).toContain(`Answer here by ${reclaim.respondBy}`);

    await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
    await page.getByLabel('Status').selectOption('idle');
    const row = page.locator(`tr[data-seat-id="${holder.seatId}"]`);
    await row.locator('[data-field="reclaim"]').filter({ hasText: 'Being reclaimed: asked, answer by' }).waitFor();
    expect(await row.getByRole('checkbox').isDisabled()).toBe(true);
    expect(await text(row.locator('[data-field="status"]'))).toContain('Idle');

    // The whole list, as a laptop shows it: every column visible without scrolling sideways.
    await page.getByLabel('Status').selectOption('');
    await page.locator('tr[data-seat-id]').nth(49).waitFor();
    expect(await overflow(page)).toEqual({ page: 0, table: 0 });
    await screenshot(page, 'journey-subscription-1440');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('on a phone, the holders are cards that need no sideways scrolling', async () => {
    const phone = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, {
      width: 390,
      height: 844,
    });
    try {
      await openPage(phone, `#/subscriptions/${GITHUB}`, /GitHub/);
      await phone.getByLabel('Status').selectOption('idle');
      const reclaimed = (await reclaims())[0]!;
      await phone.locator(`tr[data-seat-id="${reclaimed.seatId}"] [data-field="reclaim"]`).waitFor();
      expect(await overflow(phone)).toEqual({ page: 0, table: 0 });
      await screenshot(phone, 'journey-subscription-390');
      expect(await seriousViolations(phone)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('works the Reclaims page row by row, without ticking a box', async () => {
    const list = await reclaims();
    const asked = list.find((r) => r.state === 'notified');
    const [toRevoke, toKeep, ...others] = list
      .filter((r) => r.state === 'open')
      .sort((a, b) => a.id - b.id) as Reclaim[];
    expect([asked?.state, toRevoke?.state, toKeep?.state, others.length]).toEqual(['notified', 'open', 'open', 0]);
    await openPage(page, '#/reclaims', /^Reclaims$/);
    const row = (reclaim: Reclaim) => page.locator(`tr[data-reclaim-id="${reclaim.id}"]`);
    await row(asked!).waitFor();
    expect(await text(row(asked!).locator('[data-field="state"]'))).toBe('Asked the holder');
    const sideways = await page.evaluate(() =>
      [...document.querySelectorAll('.scroll')].map((s) => s.scrollWidth - s.clientWidth),
    );
    expect(sideways).toEqual([0]);
    await screenshot(page, 'journey-reclaims-1440');

    await row(toRevoke!).getByRole('button', { name: 'Mark ready' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Marked ready: ${toRevoke!.email}.` })
      .waitFor();
    expect((await api.get<Reclaim>(`/api/v1/reclaims/${toRevoke!.id}`)).state).toBe('ready');
    await row(toRevoke!).locator('[data-field="state"]').filter({ hasText: 'Ready to revoke' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row(toRevoke!).getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Revoked: ${toRevoke!.email}.` })
      .waitFor();
    expect((await api.get<Reclaim>(`/api/v1/reclaims/${toRevoke!.id}`)).state).toBe('revoked');
    expect((await api.get<Seat[]>(`/api/v1/subscriptions/${GITHUB}/seats`)).map((s) => s.id)).not.toContain(
      toRevoke!.seatId,
    );

    await row(toKeep!).getByRole('button', { name: 'Keep…' }).click();
    await row(toKeep!).getByLabel(`Why ${toKeep!.email} keeps the seat`).fill('On parental leave until March');
    await row(toKeep!).getByRole('button', { name: 'Keep the seat' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${toKeep!.email} keeps the seat.` })
      .waitFor();
    expect(await api.get<Reclaim>(`/api/v1/reclaims/${toKeep!.id}`)).toMatchObject({
      state: 'kept',
      keepReason: 'On parental leave until March',
    });

    await row(asked!).getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Cancelled: ${asked!.email}.` })
      .waitFor();
    expect((await api.get<Reclaim>(`/api/v1/reclaims/${asked!.id}`)).state).toBe('cancelled');
    expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);

    // Every step on record, by the person who took it.
    const audit = (await api.get<AuditList>('/api/v1/audit?action=reclaim.*&limit=50')).entries.map((e) => [
      e.action,
      e.subjectId,
      e.actor,
    ]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['reclaim.ready', String(toRevoke!.id), 'user:admin@example.com'],
        ['reclaim.revoke', String(toRevoke!.id), 'user:admin@example.com'],
        ['reclaim.keep', String(toKeep!.id), 'user:admin@example.com'],
        ['reclaim.cancel', String(asked!.id), 'user:admin@example.com'],
        ['reclaim.notify', String(asked!.id), 'system'],
      ]),
    );
  });

  it('a mailbox the mail server refuses: the reclaim goes back to IT and the Reclaims page says why', async () => {
    const holder = (await holdersOf(GITHUB, '&status=idle')).find((h) => h.reclaim === null)!;
    smtp.rejected.add(holder.email);
    const mailsBefore = smtp.mails.length;
    await openPage(page, `#/subscriptions/${GITHUB}`, /GitHub/);
    await pickIdle(page, [holder]);
    await page.getByRole('button', { name: 'Reclaim 1 selected seat' }).click();
    await page.getByRole('status').filter({ hasText: '1 reclaim created' }).waitFor();

    const reclaim = await waitFor('the refused email to hand the reclaim back', async () =>
      (await reclaims()).find((r) => r.seatId === holder.seatId && r.state === 'open'),
    );
    expect(reclaim).toMatchObject({
      notifiedAt: null,
      respondBy: null,
      emailProblem: expect.stringContaining('mailbox unavailable'),
    });
    expect(smtp.mails.slice(mailsBefore)).toEqual([]);

    await openPage(page, '#/reclaims', /^Reclaims$/);
    const row = page.locator(`tr[data-reclaim-id="${reclaim.id}"]`);
    expect(await text(row.locator('[data-field="state"]'))).toBe('Proposed');
    expect(await text(row.locator('[data-field="email-problem"]'))).toContain(
      'The email could not be sent, nobody was asked:',
    );
    for (const step of ['Mark ready', 'Keep…', 'Cancel'])
      expect(await row.getByRole('button', { name: step }).isVisible(), step).toBe(true);
    expect(
      await page.evaluate(() => [
        document.documentElement.scrollWidth - window.innerWidth,
        ...[...document.querySelectorAll('.scroll')].map((s) => s.scrollWidth - s.clientWidth),
      ]),
    ).toEqual([0, 0]);
    await screenshot(page, 'journey-reclaim-email-refused');
  });
});
