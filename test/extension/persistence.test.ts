// The open segment and totals live in storage: a worker restart neither loses nor double-counts time.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import * as store from '../../extension/lib/storage-items';
import { CATALOG, showTab, stubIdle, T0, testEnv } from './support';

const seconds = async (appId: string, day = '2026-11-20') => {
  const total = (await store.totals.getValue())[`${day}|${appId}`];
  return total ? total.activeMs / 1000 : 0;
};

describe('tracking state across worker restarts', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://acme.slack.com/client/T1/C2');
    await store.catalog.setValue({ ...CATALOG, fetchedAt: T0, serverUrl: 'http://unused' });
  });

  it('keeps the open segment in storage and counts it once after a restart', async () => {
    const { env, clock } = testEnv();
    await createAgent(env).start();
    expect((await store.tracker.getValue()).open).toEqual({ appId: 'slack', since: T0 });

    // The worker is stopped: nothing of the first agent survives but storage.
    clock.now = T0 + 30_000;
    const restarted = createAgent(env);
    await restarted.start();
    expect(await seconds('slack')).toBe(30);

    clock.now = T0 + 80_000;
    await restarted.onAlarm('tick');
    expect(await seconds('slack')).toBe(80);
    expect((await store.tracker.getValue()).open).toEqual({ appId: 'slack', since: T0 + 80_000 });
    const total = (await store.totals.getValue())['2026-11-20|slack'];
    expect(total?.visits).toBe(1);
  });

  it('after a long gap before the restart counts only up to the last tick', async () => {
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    clock.now = T0 + 60_000;
    await agent.onAlarm('tick');
    // The machine slept for an hour; the worker comes back with the browser.
    clock.now = T0 + 3_660_000;
    await createAgent(env).start();
    expect(await seconds('slack')).toBe(60);
  });

  it('replaces unreadable stored tracker state with a clean start', async () => {
    await fakeBrowser.storage.local.set({ tracker: { nonsense: true } });
    const { env, clock } = testEnv();
    await createAgent(env).start();
    clock.now = T0 + 10_000;
    await createAgent(env).onAlarm('tick');
    expect(await seconds('slack')).toBe(10);
  });

  it('serialises concurrent tab events so none of their additions is lost', async () => {
    const urls: Record<number, string> = { 10: 'https://acme.slack.com/', 11: 'https://eu.salesforce.com/' };
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(
      async (tabId: number) => ({ id: tabId, windowId: 1, url: urls[tabId], incognito: false, active: true }) as never,
    );
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    // Ten switches fired without waiting for each other, two seconds apart.
    const pending: Promise<unknown>[] = [];
    for (let i = 1; i <= 10; i++) {
      clock.now = T0 + i * 2000;
      pending.push(agent.onTabActivated({ tabId: i % 2 === 1 ? 11 : 10, windowId: 1 }));
    }
    await Promise.all(pending);
    const totals = await store.totals.getValue();
    expect(totals['2026-11-20|slack']).toMatchObject({ activeMs: 10_000, visits: 6 });
    expect(totals['2026-11-20|salesforce']).toMatchObject({ activeMs: 10_000, visits: 5 });
  });

  it('counts nothing in an incognito window and keeps no URL in storage', async () => {
    showTab('https://acme.slack.com/secret/path?q=1', { incognito: true });
    const { env, clock } = testEnv();
    await createAgent(env).start();
    clock.now = T0 + 60_000;
    await createAgent(env).onAlarm('tick');
    expect(await seconds('slack')).toBe(0);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain('secret');
  });
});
