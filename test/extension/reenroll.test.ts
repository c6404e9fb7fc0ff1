// Re-enrollment after a revoked token: the new device reports only what the old one had not delivered, for every day.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import { toRecord, totalsKey } from '../../extension/lib/day-totals';
import * as store from '../../extension/lib/storage-items';
import { showTab, startDeviceServer, stubIdle, T0, testEnv } from './support';

type DeviceServer = Awaited<ReturnType<typeof startDeviceServer>>;
let server: DeviceServer;

async function configure() {
  await store.optionsConfig.setValue({
    serverUrl: server.url,
    enrollmentToken: 'good-token',
    userEmail: 'ann@example.com',
  });
}

/** The extension's own totals as whole seconds per `day|app`, the figures the server must end up with. */
async function extensionTotals() {
  const totals = await store.totals.getValue();
  return Object.fromEntries(
    Object.entries(totals).map(([key, total]) => {
      const { activeSeconds, visits } = toRecord(key, total);
      return [key, { activeSeconds, visits }];
    }),
  );
}

describe('re-enrollment', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://acme.slack.com/');
    server = await startDeviceServer();
  });
  afterEach(() => server.close());

  it(
    'sends the new device only the time after what the revoked device delivered, ' + 'so nothing is counted twice',
    async () => {
      await configure();
      const { env, clock } = testEnv();
      const agent = createAgent(env);
      await agent.start();
      // Steps under tick + slack (90 s): a longer silence would be a gap that counts nothing.
      clock.now = T0 + 80_000;
      await agent.handleMessage({ type: 'upload-now' });
      expect(server.state.uploads.at(-1)?.records[0]).toMatchObject({ activeSeconds: 80, visits: 1 });

      server.revokeAll();
      clock.now = T0 + 110_000;
      expect(await agent.handleMessage({ type: 'upload-now' })).toEqual({ ok: true, accepted: 1 });
      expect(server.state.enrollments).toHaveLength(2);
      // Device 2 carries the 30 s the revoked device never delivered, and not the visit it did.
      expect(server.state.uploadsByToken.at(-1)).toMatchObject({
        token: 'device-token-2',
        body: { records: [{ appId: 'slack', activeSeconds: 30, visits: 0 }] },
      });

      clock.now = T0 + 170_000;
      await agent.handleMessage({ type: 'upload-now' });
      expect(server.state.uploadsByToken.at(-1)?.body.records[0]).toMatchObject({ activeSeconds: 90, visits: 0 });
      expect(server.totals()).toEqual(await extensionTotals());
      expect(server.totals()).toEqual({ '2026-11-20|slack': { activeSeconds: 170, visits: 1 } });
      // The popup shows the person's full day, not the new device's share.
      expect((await agent.handleMessage({ type: 'status' })) as object).toMatchObject({
        todayTotals: [{ appId: 'slack', activeSeconds: 170, visits: 1 }],
      });
    },
  );

  it(
    'keeps older days: a delivered day is not resent, an undelivered remainder is, ' +
      'and a second re-enrollment adds up',
    async () => {
      await configure();
      const { env, clock } = testEnv();
      const agent = createAgent(env);
      showTab('https://www.example.org/');
      await agent.start();
      const delivered = totalsKey('2026-11-18', 'slack');
      const remainder = totalsKey('2026-11-19', 'salesforce');
      await store.totals.setValue({
        [delivered]: { activeMs: 40_000, visits: 2, lastActiveAt: T0 - 2 * 86_400_000 },
        [remainder]: { activeMs: 50_000, visits: 1, lastActiveAt: T0 - 86_400_000 },
      });
      await agent.handleMessage({ type: 'upload-now' });
      // The salesforce day grows after its upload, while device 1 is still in use but before it is revoked.
      await store.totals.setValue({
        ...(await store.totals.getValue()),
        [remainder]: { activeMs: 65_000, visits: 2, lastActiveAt: T0 - 86_000_000 },
      });

      server.revokeAll();
      clock.now = T0 + 1_000;
      await agent.handleMessage({ type: 'upload-now' });
      expect(server.state.uploadsByToken.at(-1)).toMatchObject({
        token: 'device-token-2',
        body: { records: [{ appId: 'salesforce', day: '2026-11-19', activeSeconds: 15, visits: 1 }] },
      });

      // A second revocation: device 3 starts from what devices 1 and 2 delivered together.
      await store.totals.setValue({
        ...(await store.totals.getValue()),
        [remainder]: { activeMs: 70_000, visits: 2, lastActiveAt: T0 - 85_000_000 },
      });
      server.revokeAll();
      await agent.handleMessage({ type: 'upload-now' });
      expect(server.state.uploadsByToken.at(-1)).toMatchObject({
        token: 'device-token-3',
        body: { records: [{ appId: 'salesforce', day: '2026-11-19', activeSeconds: 5, visits: 0 }] },
      });
      expect(server.totals()).toEqual(await extensionTotals());
    },
  );

  it('starts from zero for another server: nothing was delivered there', async () => {
    await configure();
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    clock.now = T0 + 60_000;
    await agent.handleMessage({ type: 'upload-now' });
    const other = await startDeviceServer();
    try {
      await store.optionsConfig.setValue({
        serverUrl: other.url,
        enrollmentToken: 'good-token',
        userEmail: 'ann@example.com',
      });
      await agent.handleMessage({ type: 'upload-now' });
      expect(other.state.uploads.at(-1)?.records[0]).toMatchObject({ appId: 'slack', activeSeconds: 60, visits: 1 });
    } finally {
      await other.close();
    }
  });
});
