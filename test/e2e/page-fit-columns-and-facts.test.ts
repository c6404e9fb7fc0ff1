// Pages fit the screen in Chromium on the demo company: the subscriptions table's money, renewal and reclaimable
// columns are in view at laptop widths without scrolling sideways, Settings does not scroll sideways on a phone, and
// a person's facts never run over one another. Screenshots at 1440 and 390 px.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonList } from '../../server/contract.ts';
import { type ApiClient, signIn } from './support/api-client.ts';
import { launchBrowser, openPage, SCREENSHOTS, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

let seatwise: SeatwiseProcess;
let browser: Browser;
let api: ApiClient;
let page: Page;

beforeAll(async () => {
  seatwise = await startSeatwise({}, undefined, ['--demo']);
  api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
  browser = await launchBrowser();
  page = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

type Box = { left: number; right: number; top: number; bottom: number };

/** The part of the page a person sees without scrolling sideways: the viewport, cut to the table's scroll box. */
async function visibleBox(table: Locator): Promise<Box> {
  return table.evaluate((el) => {
    const scroller = el.closest('.scroll')!;
    const box = scroller.getBoundingClientRect();
    return {
      left: Math.max(0, box.left),
      right: Math.min(window.innerWidth, box.left + scroller.clientWidth),
      top: box.top,
      bottom: box.bottom,
    };
  });
}

describe('the subscriptions table on a laptop', () => {
  it.each([1440, 1280])(
    'at %i px shows annual cost, reclaimable and renewal of every row without scrolling',
    async (width) => {
      await page.setViewportSize({ width, height: 900 });
      await openPage(page, '#/subscriptions', /^Subscriptions$/);
      const table = page.getByRole('table', { name: 'Seats, holders and their activity per subscription' });
      const rows = table.locator('tr[data-subscription-id]');
      expect(await rows.count()).toBeGreaterThan(10);
      const view = await visibleBox(table);
      const outside = await rows.evaluateAll((trs, view) => {
        const problems: string[] = [];
        for (const tr of trs) {
          for (const field of ['annualCost', 'reclaimableAnnualCost', 'renewal']) {
            const cell = tr.querySelector(`[data-field="${field}"]`)!.getBoundingClientRect();
            if (cell.width === 0 || cell.left < view.left || cell.right > view.right + 0.5)
              problems.push(
                `${tr.getAttribute('data-subscription-id')} ${field} ` +
                  `${Math.round(cell.left)}-${Math.round(cell.right)} ` +
                  `not in ${Math.round(view.left)}-${Math.round(view.right)}`,
              );
          }
        }
        return problems;
      }, view);
      expect(outside).toEqual([]);
      for (const name of [/^Annual cost/, /^Reclaimable \/ year/, /^Renewal/]) {
        const header = (await table.getByRole('columnheader', { name }).boundingBox())!;
        expect(header.x).toBeGreaterThanOrEqual(view.left);
        expect(header.x + header.width).toBeLessThanOrEqual(view.right + 0.5);
      }
      await screenshot(page, `fit-subscriptions-${width}`);
    },
  );

  it('at 1440 px needs no sideways scrolling at all', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openPage(page, '#/subscriptions', /^Subscriptions$/);
    const table = page.getByRole('table', { name: 'Seats, holders and their activity per subscription' });
    const { scrollWidth, clientWidth } = await table.evaluate((el) => ({
      scrollWidth: el.closest('.scroll')!.scrollWidth,
      clientWidth: el.closest('.scroll')!.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  });
});

describe('Settings on a phone', () => {
  it('at 390 px is no wider than the screen, with every admin section on it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage(page, '#/settings', /^Settings$/);
    for (const heading of ['Users and roles', 'API tokens', 'Webhooks', 'Devices'])
      await page.getByRole('heading', { name: heading }).waitFor();
    await page.locator('tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'fit-settings-390');
    // The full page is too tall to read at once: keep screens of the parts with long text and tables as well.
    for (const heading of ['Webhooks', 'API tokens', 'Devices']) {
      await page.getByRole('heading', { name: heading }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({
        path: join(SCREENSHOTS, `fit-settings-390-${heading.toLowerCase().replace(/ /g, '-')}.png`),
      });
    }
  });
});

describe('Renewals and Shadow IT on a phone', () => {
  it.each<[string, string, RegExp]>([
    ['renewals', '#/renewals', /^Renewals$/],
    ['shadow-it', '#/shadow-it', /^Shadow IT$/],
  ])('%s at 390 px is no wider than the screen', async (name, hash, heading) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage(page, hash, heading);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, `fit-${name}-390`);
  });
});

describe('a person with long addresses', () => {
  it.each([1440, 1024, 390])('at %i px: no fact runs over another, and each address reads whole', async (width) => {
    const people = await api.get<PersonList>('/api/v1/people?limit=500');
    const person = people.people.filter((p) => p.managerEmail).sort((a, b) => b.email.length - a.email.length)[0]!;
    expect(person.email.length).toBeGreaterThan(30);
    await page.setViewportSize({ width, height: 900 });
    await openPage(page, `#/people/${person.id}`, person.name ?? person.email);
    const facts = page.locator('dl.facts > div');
    expect(await facts.count()).toBeGreaterThan(5);
    expect((await facts.filter({ hasText: 'Email' }).locator('dd').innerText()).trim()).toBe(person.email);
    expect((await facts.filter({ hasText: 'Manager' }).locator('dd').innerText()).trim()).toBe(person.managerEmail);

    // The boxes of the text itself (each line of it), per fact: no two facts may share a pixel.
    const overlaps = await facts.evaluateAll((divs) => {
      const textBoxes = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      };
      const facts = divs.map((div) => ({
        name: div.querySelector('dt')!.textContent!,
        boxes: textBoxes(div),
        cell: div.getBoundingClientRect(),
      }));
      const found: string[] = [];
      for (const [i, a] of facts.entries()) {
        for (const box of a.boxes)
          if (box.right > a.cell.right + 0.5 || box.left < a.cell.left - 0.5)
            found.push(`${a.name} runs out of its cell`);
        for (const b of facts.slice(i + 1)) {
          for (const x of a.boxes)
            for (const y of b.boxes)
              if (x.left < y.right && y.left < x.right && x.top < y.bottom && y.top < x.bottom)
                found.push(`${a.name} overlaps ${b.name}`);
        }
      }
      return [...new Set(found)];
    });
    expect(overlaps).toEqual([]);
    await screenshot(page, `fit-person-${width}`);
  });
});
