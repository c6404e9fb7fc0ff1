// The popup's "What your company sees": each state it can be in, against a real HTTP server speaking the device API,
// and the words a seat's status and the retention period are shown in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadCompanyView,
  NOT_ENROLLED_MESSAGE,
  retentionLine,
  seatStatusLine,
  signedInLine,
} from '../../extension/lib/company-view';
import * as store from '../../extension/lib/storage-items';
import type { DeviceMe } from '../../server/contract';
import { CATALOG, startDeviceServer, T0 } from './support';

const ME: DeviceMe = {
  person: { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' },
  device: { id: 'device-1', verified: true },
  retention: { days: 400, from: '2025-10-17', to: '2026-11-20' },
  daysWithUsage: 3,
  totalSeconds: 5400,
  apps: [{ appId: 'slack', appName: 'Slack', activeSeconds: 5400, days: 3, lastDay: '2026-11-20' }],
  seats: [
    {
      seatId: 7,
      subscriptionId: 2,
      appId: 'slack',
      appName: 'Slack',
      plan: 'Pro',
      assignedAt: '2026-09-01',
      status: 'active',
      activityWindowDays: 30,
      activeSecondsInWindow: 5400,
    },
  ],
};

let server: Awaited<ReturnType<typeof startDeviceServer>>;
const load = () => loadCompanyView((input, init) => fetch(input, init));
const enrolled = (serverUrl = server.url) =>
  // The email the policy configured: not what the popup may call the person.
  store.device.setValue({ deviceId: 'device-1', deviceToken: 'device-token-1', serverUrl, email: 'ada@example.com' });

beforeEach(async () => {
  fakeBrowser.reset();
  server = await startDeviceServer();
  server.state.validTokens.add('device-token-1');
  server.state.me = ME;
});
afterEach(async () => server.close());

describe('loading what the company sees', () => {
  it('is "not enrolled" before this browser has a device', async () => {
    expect(await load()).toEqual({ state: 'not_enrolled', message: NOT_ENROLLED_MESSAGE });
  });

  it("shows the server's reply, whose email is the server's, not the configured one", async () => {
    await enrolled();
    const view = await load();
    expect(view).toEqual({ state: 'loaded', me: ME });
    expect(signedInLine(ME)).toBe(
      'Signed in as Ada Lovelace (ada.lovelace@example.com), confirmed by your company sign-in.',
    );
  });

  it('is "not enrolled" again when the server no longer knows the device token', async () => {
    await enrolled();
    server.revokeAll();
    const view = await load();
    expect(view.state).toBe('not_enrolled');
    expect(view).toMatchObject({ message: expect.stringMatching(/no longer knows .* enrolls again/) });
  });

  it.each([
    ['the server is down', 'closed'],
    ['a proxy answers 502', 502],
    ['the server answers 503', 503],
  ] as const)('when %s, says so and shows what this browser holds locally', async (_case, failure) => {
    const url = server.url;
    // Closed, its port refuses the connection (afterEach closing it again is harmless).
    if (failure === 'closed') await server.close();
    else server.state.meFailure = failure;
    await enrolled(url);
    await store.catalog.setValue({ ...CATALOG, fetchedAt: T0, serverUrl: url });
    await store.totals.setValue({
      '2026-11-19|slack': { activeMs: 60_000, visits: 1, lastActiveAt: T0 },
      '2026-11-20|slack': { activeMs: 125_500, visits: 2, lastActiveAt: T0 },
      '2026-11-20|salesforce': { activeMs: 300_000, visits: 1, lastActiveAt: T0 },
      '2026-11-20|unknown-app': { activeMs: 1_000, visits: 1, lastActiveAt: T0 },
    });
    const view = await load();
    expect(view.state).toBe('unreachable');
    if (view.state !== 'unreachable') return;
    expect(view.message).toContain(`Your company's server (${url}) could not be reached`);
    expect(view.local).toEqual([
      { appId: 'salesforce', appName: 'Salesforce', activeSeconds: 300, days: 1 },
      { appId: 'slack', appName: 'Slack', activeSeconds: 185, days: 2 },
      { appId: 'unknown-app', appName: 'unknown-app', activeSeconds: 1, days: 1 },
    ]);
  });

  it.each([
    ['an error the server explains', 500, null, /refused to say what it holds: test http_500/],
    ['a reply this version cannot read', null, { people: [] }, /cannot read/],
  ])('is an error for %s', async (_case, failure, reply, message) => {
    await enrolled();
    server.state.meFailure = failure;
    if (reply) server.state.me = reply;
    const view = await load();
    expect(view.state).toBe('error');
    expect(view).toMatchObject({ message: expect.stringMatching(message) });
  });
});

describe('the words the popup shows', () => {
  it.each([
    ['active', 5400, '● Active: 1 h 30 min in the last 30 days'],
    ['idle', 0, '○ Idle: 0 s in the last 30 days'],
    ['never_used', 0, '✕ Never used: 0 s in the last 30 days'],
    ['left', 60, '⏏ Left: 1 min 0 s in the last 30 days'],
    [null, 0, 'Assigned from 2026-09-01'],
  ] as const)('a %s seat', (status, activeSecondsInWindow, line) => {
    expect(seatStatusLine({ ...ME.seats[0]!, status, activeSecondsInWindow })).toBe(line);
  });

  it('names the retention period and what is held in it; an unverified device is not said to be confirmed', () => {
    expect(retentionLine(ME)).toBe(
      'The server keeps usage for 400 days (from 2025-10-17 to 2026-11-20); it holds 1 h 30 min over 3 days for you.',
    );
    const unverified = {
      ...ME,
      person: { email: 'bob@example.com', name: null },
      device: { id: 'd', verified: false },
    };
    expect(signedInLine(unverified)).toBe('Signed in as bob@example.com.');
    expect(retentionLine({ ...unverified, daysWithUsage: 1 })).toContain('over 1 day for you');
  });
});
