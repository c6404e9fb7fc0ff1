// A subject access request in Debian's Chromium on the demo company: the admin opens a person's page, downloads
// everything stored about them as JSON and as CSV, and both files hold that person's records (checked against the
// API); a finance user sees no export button.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, Person, PersonExport, PersonList, PersonSeat } from '../../server/contract.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { EXPORT_SECTIONS, exportRecords } from '../../server/domain/person-export.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const FINANCE = { email: 'finance-sar@example.com', password: 'finance-password-1' };
const EXPORT_BUTTON = { name: 'Export data (subject access)' };

let seatwise: SeatwiseProcess;
let browser: Browser;
let admin: ApiClient;
let adminPage: Page;
let person: Person;
let downloads: string;

beforeAll(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'seatwise-downloads-'));
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  admin = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  await admin.post('/api/v1/users', { ...FINANCE, role: 'finance' });
  const { people } = await admin.get<PersonList>('/api/v1/people?limit=1000');
  // Someone with a browser enrolled and seats, so every main section has rows.
  person = people.find((p) => p.devices > 0 && p.seats > 1 && p.name !== null)!;
  browser = await launchBrowser();
  adminPage = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

/** Clicks a download link as the person does and gives the saved file's name and text. */
async function download(page: Page, link: string) {
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name: link }).click();
  const file = await started;
  const path = join(downloads, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('a subject access request', () => {
  it('the admin downloads everything stored about a person, as JSON and as CSV', async () => {
    await openPage(adminPage, `#/people/${person.id}`, person.name!);
    await adminPage.getByRole('button', EXPORT_BUTTON).click();
    await adminPage.getByRole('link', { name: 'Download JSON' }).waitFor();
    await screenshot(adminPage, 'subject-access-admin');

    const json = await download(adminPage, 'Download JSON');
    const day = new Date().toISOString().slice(0, 10);
    expect(json.name).toBe(`seatwise-subject-access-${person.id}-${day}.json`);
    const data = JSON.parse(json.text) as PersonExport;
    expect(data.person).toMatchObject({ id: person.id, email: person.email, name: person.name });
    const seats = await admin.get<PersonSeat[]>(`/api/v1/people/${person.id}/seats`);
    expect(data.seats.map((s) => s.id).sort()).toEqual(seats.map((s) => s.seatId).sort());
    const devices = await admin.get<{ devices: { id: string }[] }>(
      `/api/v1/devices?email=${encodeURIComponent(person.email)}&limit=1000`,
    );
    expect(data.devices.map((d) => d.id).sort()).toEqual(devices.devices.map((d) => d.id).sort());
    expect(data.usage.length).toBeGreaterThan(0);
    expect(new Set(data.usage.map((u) => u.deviceId)).size).toBeLessThanOrEqual(data.devices.length);
    expect(json.text).not.toMatch(/tokenHash|token_hash|passwordHash/);

    const csv = await download(adminPage, 'Download CSV (for a spreadsheet)');
    expect(csv.name).toBe(`seatwise-subject-access-${person.id}-${day}.csv`);
    const table = parseCsv(csv.text);
    const counted = new Map<string, number>();
    for (const row of table.rows) counted.set(row.cells[0]!, (counted.get(row.cells[0]!) ?? 0) + 1);
    const records = exportRecords(data);
    for (const section of EXPORT_SECTIONS) {
      // The JSON download is itself audited about the person: the CSV, taken after, has that entry more.
      const expected = records[section].length + (section === 'audit' ? 1 : 0);
      expect([section, counted.get(section) ?? 0]).toEqual([section, expected]);
    }

    const audit = await admin.get<AuditList>(`/api/v1/audit?action=person.exported&subjectId=${person.id}`);
    expect(audit.entries.map((e) => [e.actor, e.subjectType, e.after])).toEqual([
      [`user:${E2E_ADMIN.email}`, 'person', null],
      [`user:${E2E_ADMIN.email}`, 'person', null],
    ]);
  });

  it('a finance user sees the person page without the export button', async () => {
    const page = await signInPage(browser, seatwise.url, FINANCE.email, FINANCE.password);
    try {
      await openPage(page, `#/people/${person.id}`, person.name!);
      await page.getByRole('heading', { level: 2, name: 'Seats' }).waitFor();
      expect(await page.getByRole('button', EXPORT_BUTTON).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Privacy' }).count()).toBe(0);
      await screenshot(page, 'subject-access-finance');
    } finally {
      await page.close();
    }
  });
});
