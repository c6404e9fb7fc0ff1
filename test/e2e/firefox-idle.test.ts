// Real Firefox ESR, headed on Xvfb with the idle interval at its 15 s minimum: the person opens Slack while active,
// stops giving input, and only the time up to the idle threshold counts, as in the Chromium idle test.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FirefoxScenario } from './support/firefox-scenario.ts';
import { markUserActivity } from './support/x-activity.ts';

const PERSON = 'katherine.johnson@example.com';
const IDLE_SECONDS = 15;
/** Input keeps coming for this long after Slack opens, then stops. */
const ACTIVE_SECONDS = 5;
/** Time on Slack after the last input: well past the idle threshold. */
const AFTER_INPUT_SECONDS = IDLE_SECONDS + 12;

const scenario = new FirefoxScenario();
beforeAll(() => scenario.start({ person: PERSON, label: 'firefox idle e2e', idleSeconds: IDLE_SECONDS, headed: true }));
afterAll(() => scenario.stop());

const seconds = (ms: number) => new Promise((done) => setTimeout(done, ms));

it('counts Slack until the person has been idle for the interval, and not after', async () => {
  await scenario.enrolledDevice(PERSON, 60_000);
  const { display } = scenario;
  const page = await scenario.firefox.browser.newPage();
  // Xvfb has had no input since it started: be active for a while first, so Firefox has seen the person return.
  for (let i = 0; i < 8; i++) {
    await markUserActivity(display.display);
    await seconds(1000);
  }
  await page.goto('https://acme.slack.com/client');
  const opened = Date.now();
  let lastInput = Date.now();
  while (Date.now() - opened < ACTIVE_SECONDS * 1000) {
    await markUserActivity(display.display);
    lastInput = Date.now();
    await seconds(500);
  }
  // Real time passing is the point: the person has stopped, and the idle threshold is still to come.
  await seconds(AFTER_INPUT_SECONDS * 1000);
  await page.goto('https://www.example.org/');
  const onSlack = (Date.now() - opened) / 1000;
  const activeSpent = (lastInput - opened) / 1000 + IDLE_SECONDS;

  const usage = await scenario.firstSlackUsage(PERSON);
  console.log(
    `[e2e] Firefox, idle: ${usage.activeSeconds} s measured for ${activeSpent.toFixed(1)} s from opening Slack to ` +
      `the idle threshold after the last input (${onSlack.toFixed(1)} s on Slack)`,
  );
  expect(Math.abs(usage.activeSeconds - activeSpent)).toBeLessThanOrEqual(2);
}, 300_000);
