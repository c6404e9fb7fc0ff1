// Headless Debian Chromium for the dashboard, with helpers to sign in, wait for a page, check accessibility with
// axe-core and keep a screenshot of every page as a test artefact.

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { markedEnv } from './child-marker.ts';

const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/dashboard');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: markedEnv(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  // bypassCSP lets axe-core's script in; the dashboard itself runs under the server's strict policy otherwise.
  const page = await browser.newPage({ viewport, bypassCSP: true });
  page.on('pageerror', (error) => {
    throw new Error(`the dashboard threw: ${error.message}`);
  });
  await page.goto(baseUrl);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.locator('header nav[aria-label="Main"]').waitFor();
  return page;
}

/**
 * Opens a dashboard page by its hash path and waits until nothing on it is loading: its chunk, its data, and its
 * charts (drawn only near the screen, so each is scrolled to; the page is left scrolled to the top).
 */
export async function openPage(page: Page, hashPath: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((path) => (window.location.hash = path), hashPath);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  await drawCharts(page);
}

/** Scrolls to each chart on the page and waits until it is drawn, then back to the top. */
export async function drawCharts(page: Page): Promise<void> {
  const charts = page.locator('canvas[data-chart]');
  const count = await charts.count();
  if (count === 0) return;
  for (let i = 0; i < count; i += 1) {
    await charts.nth(i).scrollIntoViewIfNeeded();
    await page.locator('canvas[data-chart]').nth(i).and(page.locator('[data-chart="drawn"]')).waitFor();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core on the page (WCAG 2 A and AA) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
