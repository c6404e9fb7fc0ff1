// What the popup is told: today's and this week's totals per app, the apps measured and the configuration in use.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import { weekStartOf } from '../../extension/lib/calendar';
import type { StatusReply } from '../../extension/lib/messages';
import * as store from '../../extension/lib/storage-items';
import { CATALOG, showTab, stubIdle, T0, testEnv } from './support';

describe('status', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://www.example.org/');
  });

  it.each([
    ['2026-11-20', '2026-11-16'], // Friday
    ['2026-11-16', '2026-11-16'], // Monday
    ['2026-11-22', '2026-11-16'], // Sunday ends the week
    ['2027-01-01', '2026-12-28'], // across a year
  ])('the week of %s starts on Monday %s', (day, monday) => {
    expect(weekStartOf(day)).toBe(monday);
  });

  it('sums this week per app and keeps today apart; last week is left out', async () => {
    await store.catalog.setValue({ ...CATALOG, fetchedAt: T0, serverUrl: 'http://x' });
    await store.totals.setValue({
      '2026-11-13|slack': { activeMs: 999_000, visits: 9, lastActiveAt: T0 - 7 * 86_400_000 }, // last Friday
      '2026-11-16|slack': { activeMs: 60_000, visits: 1, lastActiveAt: T0 - 4 * 86_400_000 },
      '2026-11-18|salesforce': { activeMs: 200_500, visits: 2, lastActiveAt: T0 - 2 * 86_400_000 },
      '2026-11-20|slack': { activeMs: 30_999, visits: 2, lastActiveAt: T0 },
    });
    const agent = createAgent(testEnv().env);
    await agent.start();
    const status = (await agent.handleMessage({ type: 'status' })) as StatusReply;
    expect(status.today).toBe('2026-11-20');
    expect(status.todayTotals).toEqual([
      { appId: 'slack', appName: 'Slack', activeSeconds: 30, visits: 2, lastActiveAt: new Date(T0).toISOString() },
    ]);
    expect(status.weekStart).toBe('2026-11-16');
    expect(status.weekTotals.map(({ appId, activeSeconds, visits }) => ({ appId, activeSeconds, visits }))).toEqual([
      { appId: 'salesforce', activeSeconds: 200, visits: 2 },
      { appId: 'slack', activeSeconds: 90, visits: 3 },
    ]);
    expect(status.catalogApps).toEqual(['Salesforce', 'Slack']);
    expect(status.config.sources).toEqual({
      serverUrl: 'missing',
      enrollmentToken: 'missing',
      userEmail: 'missing',
      idleSeconds: 'default',
      uploadIntervalMinutes: 'default',
    });
  });
});
