// Enrollment, catalog and usage upload against a real HTTP server: payload, lastUpload, backoff and 401 re-enrollment.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import type { StatusReply, UploadNowReply } from '../../extension/lib/messages';
import * as store from '../../extension/lib/storage-items';
import { showTab, startDeviceServer, stubIdle, T0, testEnv } from './support';

type DeviceServer = Awaited<ReturnType<typeof startDeviceServer>>;
let server: DeviceServer;

async function configure(overrides: Record<string, string> = {}) {
  await store.optionsConfig.setValue({
    serverUrl: server.url,
    enrollmentToken: 'good-token',
    userEmail: 'ann@example.com',
    ...overrides,
  });
}

describe('upload', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://acme.slack.com/');
    server = await startDeviceServer();
  });
  afterEach(() => server.close());

  it('enrolls, fetches the catalog and uploads the running totals of the open segment', async () => {
    await configure();
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    expect(server.state.enrollments).toEqual([
      { enrollmentToken: 'good-token', email: 'ann@example.com', browser: 'chrome', extensionVersion: '0.1.0-test' },
    ]);
    expect(server.state.catalogRequests).toBe(1);
    // The catalog arrives and the open Slack tab starts a visit before the start-up upload.
    expect(server.state.uploads).toEqual([
      { records: [{ appId: 'slack', day: '2026-11-20', activeSeconds: 0, visits: 1, lastActiveAt: null }] },
    ]);

    clock.now = T0 + 45_000;
    const reply = (await agent.handleMessage({ type: 'upload-now' })) as UploadNowReply;
    const expected = {
      records: [
        { appId: 'slack', day: '2026-11-20', activeSeconds: 45, visits: 1, lastActiveAt: '2026-11-20T10:00:45.000Z' },
      ],
    };
    expect(reply).toEqual({ ok: true, accepted: 1 });
    expect(server.state.uploads.at(-1)).toEqual(expected);
    expect((await store.sync.getValue()).lastUpload).toEqual({
      at: T0 + 45_000,
      ok: true,
      payload: expected,
      accepted: 1,
    });

    // Nothing changed: the next upload is an empty heartbeat, not a resend.
    await agent.handleMessage({ type: 'upload-now' });
    expect(server.state.uploads.at(-1)).toEqual({ records: [] });

    const status = (await agent.handleMessage({ type: 'status' })) as StatusReply;
    expect(status).toMatchObject({
      connection: { state: 'connected' },
      deviceId: 'device-1',
      today: '2026-11-20',
      todayTotals: [{ appId: 'slack', appName: 'Slack', activeSeconds: 45, visits: 1 }],
      trackingAppId: 'slack',
    });
    expect(JSON.stringify(status)).not.toContain('good-token');
  });

  it('sends at most 1000 records per request', async () => {
    await configure();
    const totals: Record<string, { activeMs: number; visits: number; lastActiveAt: null }> = {};
    for (let day = 1; day <= 30; day++) {
      for (let app = 0; app < 40; app++) {
        totals[`2026-11-${String(day).padStart(2, '0')}|app-${app}`] = {
          activeMs: 60_000,
          visits: 1,
          lastActiveAt: null,
        };
      }
    }
    await store.totals.setValue(totals);
    showTab('https://example.org/');
    const { env, clock } = testEnv();
    clock.now = Date.UTC(2026, 10, 30, 12);
    await createAgent(env).start();
    expect(server.state.uploads.map((upload) => upload.records.length)).toEqual([1000, 200]);
    expect((await store.sync.getValue()).lastUpload?.payload.records).toHaveLength(1200);
    expect(Object.keys(await store.acked.getValue())).toHaveLength(1200);
  });

  it('backs off with jitter after a failure and waits it out on scheduled uploads', async () => {
    await configure();
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    server.state.mode = 'fail';

    clock.now = T0 + 60_000;
    const reply = (await agent.handleMessage({ type: 'upload-now' })) as UploadNowReply;
    expect(reply).toMatchObject({ ok: false, error: 'test unavailable' });
    let sync = await store.sync.getValue();
    // First failure: 30 s ceiling, random 0.5 gives three quarters of it.
    expect(sync).toMatchObject({ failures: 1, nextAttemptAt: T0 + 60_000 + 22_500 });
    expect(sync.lastUpload).toMatchObject({ ok: false, error: 'test unavailable' });
    expect((await fakeBrowser.alarms.get('upload-retry'))?.scheduledTime).toBe(T0 + 82_500);

    // The periodic alarm inside the backoff window sends nothing.
    const uploadsBefore = server.state.uploads.length;
    clock.now = T0 + 70_000;
    await agent.onAlarm('upload');
    expect(server.state.uploads.length).toBe(uploadsBefore);
    expect((await store.sync.getValue()).failures).toBe(1);

    clock.now = T0 + 90_000;
    await agent.onAlarm('upload-retry');
    sync = await store.sync.getValue();
    expect(sync).toMatchObject({ failures: 2, nextAttemptAt: T0 + 90_000 + 45_000 });

    server.state.mode = 'ok';
    clock.now = T0 + 140_000;
    await agent.onAlarm('upload-retry');
    sync = await store.sync.getValue();
    expect(sync).toMatchObject({ failures: 0, nextAttemptAt: null, lastUpload: { ok: true } });
    // The upload after the outage carries everything counted during it.
    expect(server.state.uploads.at(-1)?.records).toMatchObject([{ appId: 'slack', activeSeconds: 140 }]);
  });

  it('records an unreachable server as a failure', async () => {
    await configure({ serverUrl: 'http://127.0.0.1:9' });
    const { env } = testEnv();
    await createAgent(env).start();
    expect(await store.sync.getValue()).toMatchObject({ failures: 1, lastUpload: { ok: false } });
    expect((await store.sync.getValue()).lastUpload?.error).toMatch(/Cannot reach/);
  });

  it('re-enrolls once when the device token is revoked, then uploads', async () => {
    await configure();
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    server.revokeAll();
    clock.now = T0 + 30_000;
    const reply = (await agent.handleMessage({ type: 'upload-now' })) as UploadNowReply;
    expect(reply).toEqual({ ok: true, accepted: 1 });
    expect(server.state.enrollments).toHaveLength(2);
    expect((await store.device.getValue())?.deviceToken).toBe('device-token-2');
  });

  it('does not loop when the server keeps answering 401', async () => {
    await configure();
    const { env } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    server.state.mode = 'unauthorized';
    const reply = (await agent.handleMessage({ type: 'upload-now' })) as UploadNowReply;
    expect(reply.ok).toBe(false);
    expect(server.state.enrollments).toHaveLength(2);
  });

  it('reports a rejected enrollment token without retrying in a loop', async () => {
    await configure({ enrollmentToken: 'wrong' });
    const { env } = testEnv();
    await createAgent(env).start();
    expect(server.state.enrollments).toHaveLength(1);
    expect(await store.sync.getValue()).toMatchObject({
      failures: 1,
      lastUpload: { ok: false, error: 'test invalid_enrollment_token' },
    });
    expect(await store.device.getValue()).toBeNull();
  });

  it('enrolls and uploads as soon as the options page saves a configuration', async () => {
    showTab('https://example.org/');
    const { env } = testEnv();
    const agent = createAgent(env);
    await agent.start();
    expect(server.state.enrollments).toHaveLength(0);
    const reacted = new Promise<void>((resolve) =>
      fakeBrowser.storage.onChanged.addListener((changes, area) => {
        void agent.onStorageChanged(changes, area).then(() => {
          if ('config' in changes) resolve();
        });
      }),
    );
    await configure();
    await reacted;
    expect(server.state.enrollments).toHaveLength(1);
    expect(server.state.uploads).toEqual([{ records: [] }]);
  });
});
