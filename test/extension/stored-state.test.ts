// Broken stored state: each unreadable value is named in the status and replaced; nothing else stored is lost.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import type { StatusReply } from '../../extension/lib/messages';
import * as store from '../../extension/lib/storage-items';
import { CATALOG, showTab, stubIdle, T0, testEnv } from './support';

describe('stored state', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stubIdle();
    showTab('https://acme.slack.com/');
    await store.catalog.setValue({ ...CATALOG, fetchedAt: T0, serverUrl: 'http://x' });
  });

  it('drops only the unreadable day total, says which, and keeps counting', async () => {
    const device = { deviceId: 'd1', deviceToken: 't1', serverUrl: 'http://x', email: 'ann@example.com' };
    await store.device.setValue(device);
    await fakeBrowser.storage.local.set({
      totals: {
        '2026-11-19|slack': { activeMs: 42_000, visits: 1, lastActiveAt: T0 - 86_400_000 },
        '2026-11-18|slack': { activeMs: 'lots', visits: 1, lastActiveAt: null },
      },
    });
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    const status = (await agent.handleMessage({ type: 'status' })) as StatusReply;
    // The first write already repaired storage, so the status after it is clean; the log said what happened.
    expect(vi.mocked(console.error).mock.calls.flat().join(' ')).toContain(
      'Stored usage total "2026-11-18|slack" was unreadable',
    );
    expect(status.config.problems).toEqual([]);
    clock.now = T0 + 30_000;
    await agent.onAlarm('tick');
    expect(await store.totals.getValue()).toEqual({
      '2026-11-19|slack': { activeMs: 42_000, visits: 1, lastActiveAt: T0 - 86_400_000 },
      '2026-11-20|slack': { activeMs: 30_000, visits: 1, lastActiveAt: T0 + 30_000 },
    });
    expect(await store.device.getValue()).toEqual(device);
  });

  it('names unreadable state in the status before it is repaired', async () => {
    await fakeBrowser.storage.local.set({ totals: ['not', 'totals'], tracker: { focusedWindowId: 'one' } });
    const { env } = testEnv();
    const status = (await createAgent(env).handleMessage({ type: 'status' })) as StatusReply;
    // handleMessage ticks first, which repairs; the status then reflects the repaired state.
    expect(vi.mocked(console.error).mock.calls.flat().join(' ')).toMatch(
      new RegExp(
        String.raw`Stored tracking state was unreadable .*tracking restarted from now\. ` +
          String.raw`Stored usage totals were unreadable \(\["not","totals"\]\) and were reset\.`,
      ),
    );
    expect(status.todayTotals).toEqual([]);
    expect(await store.tracker.getValue()).toMatchObject({ focusedWindowId: -1, open: null });
  });
});
