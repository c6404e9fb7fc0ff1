// Admins manage people and API tokens through Settings in Chromium: a new admin makes a token, is then disabled,
// and the token list says it no longer works while the token itself answers 401.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signInPage } from './support/dashboard-browser.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const OPS = { email: 'ops@example.com', password: 'ops-password-long' };

let seatwise: SeatwiseProcess;
let browser: Browser;
let root: Page;

beforeAll(async () => {
  seatwise = await startSeatwise();
  browser = await launchBrowser();
  root = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await seatwise?.stop();
});

const tokenRow = (page: Page, name: string) => page.locator('tr', { has: page.getByRole('rowheader', { name }) });

describe('signing in', () => {
  it('a person who keeps mistyping is told to wait, in words, while others sign in as usual', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(seatwise.url);
      const attempt = async (password: string) => {
        await page.getByLabel('Email').fill('mistyping@example.com');
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        return (await page.getByRole('alert').innerText()).trim();
      };
      for (let i = 0; i < 5; i++) {
        expect(await attempt(`wrong-${i}`)).toBe('The email or password is not right.');
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
      }
      await page.getByLabel('Password').fill('still-wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Too many wrong passwords for this account from here; try again in 60 seconds.' })
        .waitFor();
      await screenshot(page, 'journey-sign-in-throttled');
    } finally {
      await page.close();
    }
    // The admin at the same address is not held up by someone else's typos.
    const other = await signInPage(browser, seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
    await other.close();
  });
});

describe('a token stops with its maker', () => {
  let token = '';
  let ops: Page;

  it('an admin adds another admin through Settings', async () => {
    await openPage(root, '#/settings', /^Settings$/);
    const form = root.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill(OPS.email);
    await form.getByLabel('Role').selectOption('admin');
    await form.getByLabel(/password/i).fill(OPS.password);
    await form.getByRole('button', { name: 'Add user' }).click();
    await root.getByRole('rowheader', { name: OPS.email }).waitFor();
  });

  it('the new admin makes an API token and sees themself as its maker', async () => {
    ops = await signInPage(browser, seatwise.url, OPS.email, OPS.password, { width: 1440, height: 900 });
    await openPage(ops, '#/settings', /^Settings$/);
    const form = ops.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Name').fill('provisioning script');
    await form.getByLabel('Role').selectOption('admin');
    await form.getByRole('button', { name: 'Create token' }).click();
    token = (await ops.locator('[data-secret]').innerText()).trim();
    expect(token).toMatch(/^swa_/);
    const row = tokenRow(ops, 'provisioning script');
    await row.waitFor();
    expect(await row.innerText()).toContain(OPS.email);
    expect(await row.locator('[data-field="actsAs"]').innerText()).toBe('admin');

    const me = await fetch(`${seatwise.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('once the maker is disabled, the list says the token does nothing and the token answers 401', async () => {
    const userRow = root.locator('tr', { has: root.getByRole('rowheader', { name: OPS.email }) });
    await userRow.getByRole('button', { name: 'Disable' }).click();
    await root
      .getByRole('status')
      .filter({ hasText: `${OPS.email} is disabled` })
      .waitFor();

    await root.reload();
    await openPage(root, '#/settings', /^Settings$/);
    const row = tokenRow(root, 'provisioning script');
    await row.waitFor();
    expect(await row.locator('[data-field="actsAs"]').innerText()).toMatch(/nothing: its maker is disabled/);
    await screenshot(root, 'journey-admin-token-maker-disabled');

    const attempt = await fetch(`${seatwise.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'intruder@example.com', role: 'admin', password: 'intruder-password-1' }),
    });
    expect(attempt.status).toBe(401);
    expect(await root.getByRole('rowheader', { name: 'intruder@example.com' }).count()).toBe(0);
  });
});
