// The catalog alarm asks with If-None-Match: an unchanged catalog costs a 304, a new app starts counting at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import * as store from '../../extension/lib/storage-items';
import { CATALOG, showTab, startDeviceServer, stubIdle, T0, testEnv } from './support';

type DeviceServer = Awaited<ReturnType<typeof startDeviceServer>>;
let server: DeviceServer;

describe('catalog refresh', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://app.notion.so/');
    server = await startDeviceServer();
    await store.optionsConfig.setValue({
      serverUrl: server.url,
      enrollmentToken: 'good-token',
      userEmail: 'ann@example.com',
    });
  });
  afterEach(() => server.close());

  it('keeps the catalog on 304 and picks up a new app and its open tab when the version changes', async () => {
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    expect(await fakeBrowser.alarms.get('catalog')).toMatchObject({ periodInMinutes: 15 });
    expect(await store.catalog.getValue()).toMatchObject({ version: 'test-1', etag: '"test-1"', fetchedAt: T0 });

    clock.now = T0 + 15 * 60_000;
    await agent.onAlarm('catalog');
    expect(server.state.catalogNotModified).toBe(1);
    expect(await store.catalog.getValue()).toMatchObject({ version: 'test-1', fetchedAt: T0 + 15 * 60_000 });
    expect((await store.tracker.getValue()).open).toBeNull();

    server.state.catalog = {
      version: 'test-2',
      apps: [...CATALOG.apps, { id: 'notion', name: 'Notion', domains: ['notion.so'] }],
    };
    clock.now = T0 + 30 * 60_000;
    await agent.onAlarm('catalog');
    expect(await store.catalog.getValue()).toMatchObject({ version: 'test-2', etag: '"test-2"' });
    // The Notion tab that was open all along counts from the moment its app became known.
    expect((await store.tracker.getValue()).open).toEqual({ appId: 'notion', since: T0 + 30 * 60_000 });
    clock.now = T0 + 31 * 60_000;
    await agent.onAlarm('tick');
    expect(await store.totals.getValue()).toMatchObject({ '2026-11-20|notion': { activeMs: 60_000, visits: 1 } });
  });

  it('does not ask before the device is enrolled', async () => {
    await store.optionsConfig.setValue({});
    const { env } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    await agent.onAlarm('catalog');
    expect(server.state.catalogRequests).toBe(0);
  });
});
