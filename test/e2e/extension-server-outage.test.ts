// Real Chromium and the real server: the server goes down while the person works, comes back on the same database,
// and the totals arrive exactly once (server totals equal the extension's).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import {
  APP_URL,
  configureAndConnect,
  countingApp,
  measuredSeconds,
  OTHER_URL,
  type Session,
  serverSeconds,
  spend,
  startSession,
} from './support/extension-session.ts';
import { startSeatwise } from './support/seatwise-process.ts';

const PERSON = 'outage@example.com';
/**
 * Two stretches on the app, each marked by the test after goto returns while the extension stamps the navigation
 * commit a little earlier (~0.1-0.3 s per boundary, mostly cancelling), and whole-second rounding of the day total
 * (< 1 s): 2 s. The server must hold exactly the extension's figure: there the tolerance is zero.
 */
const TOLERANCE_SECONDS = 2;

let session: Session;

beforeAll(async () => {
  session = await startSession();
  await configureAndConnect(session, { userEmail: PERSON });
});
afterAll(async () => session?.close());

it('keeps the time worked during an outage and delivers it once when the server is back', async () => {
  const { context, extensionId } = session.browser;
  const page = context.pages()[0] ?? (await context.newPage());
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);

  const work = async (seconds: number) => {
    await page.bringToFront();
    await page.goto(APP_URL);
    await waitFor('Slack to count', async () => (await countingApp(session)) === 'slack');
    const start = Date.now();
    await spend(seconds);
    await page.goto(OTHER_URL);
    return (Date.now() - start) / 1000;
  };
  const uploadNow = async (popupPage: Page) => {
    await popupPage.bringToFront();
    await popupPage.reload();
    await popupPage.click('#upload-now');
    return (
      await popupPage
        .locator('#upload-result')
        .filter({ hasText: /Uploaded|Failed/ })
        .innerText()
    ).trim();
  };

  const before = await measuredSeconds(session, 'slack');
  const first = await work(4);
  expect(await uploadNow(popup)).toMatch(/^Uploaded/);
  expect(await serverSeconds(session, PERSON, 'slack')).toBe(await measuredSeconds(session, 'slack'));

  const port = Number(new URL(session.seatwise.url).port);
  const { dbPath } = session.seatwise;
  await session.seatwise.stop({ keepData: true });
  const second = await work(5);
  expect(await uploadNow(popup)).toMatch(/^Failed: Cannot reach/);
  expect(await popup.locator('#connection').getAttribute('data-state')).toBe('failing');
  // The failed request is still shown word for word: the person sees what would have been sent.
  expect(await popup.locator('#last-payload').innerText()).toContain('"appId": "slack"');

  session.seatwise = await startSeatwise({}, { dbPath, port });
  expect(await uploadNow(popup)).toMatch(/^Uploaded: 1 record/);
  // Once more: nothing new, so a heartbeat; the server's figure must not move.
  expect(await uploadNow(popup)).toMatch(/heartbeat/);

  const measured = (await measuredSeconds(session, 'slack')) - before;
  const onServer = await serverSeconds(session, PERSON, 'slack');
  const spent = first + second;
  console.log(
    `[e2e] server outage: extension ${measured} s, server ${onServer} s, for ${spent.toFixed(1)} s spent ` +
      `(${second.toFixed(1)} s of it during the outage)`,
  );
  expect(onServer).toBe(await measuredSeconds(session, 'slack'));
  expect(Math.abs(measured - spent)).toBeLessThanOrEqual(TOLERANCE_SECONDS);
});
