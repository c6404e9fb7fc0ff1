// The background's behaviour behind each browser event, alarm and message; background.ts only wires them up.
import type { AgentEnv } from './agent-env';
import type { IdleState, TrackerEvent } from './attention-tracker';
import { activateEvent, focusEvent, removeEvent, snapshotEvent, updateEvent } from './browser-events';
import { CATALOG_REFRESH_MINUTES, refreshCatalog } from './catalog-sync';
import type { ResolvedConfig } from './config-resolution';
import { configReader } from './config-sources';
import type { StatusReply, UploadNowReply } from './messages';
import { isMessage } from './messages';
import { recordEvent } from './record-event';
import { buildStatus, connectionOf } from './status';
import * as store from './storage-items';
import { checkTracker } from './stored-value-checks';
import { createToolbar } from './toolbar';
import { type UploadResult, upload, uploadWhenDue } from './uploader';

export const ALARM = { tick: 'tick', upload: 'upload', retry: 'upload-retry', catalog: 'catalog' } as const;

export function createAgent(env: AgentEnv) {
  const config = configReader(env);
  const toolbar = createToolbar(env);
  const track = async (event: TrackerEvent | null, at = env.now()) => {
    if (event) await toolbar.update({ tracker: await recordEvent(event, env, at) });
  };
  /** After an upload: it may have changed the connection, and the catalog it fetched what counts. */
  const showConnection = async (cfg: ResolvedConfig) => {
    const [device, sync, tracker] = await Promise.all([
      store.device.getValue(),
      store.sync.getValue(),
      store.tracker.getValue(),
    ]);
    await toolbar.update({ connection: connectionOf(cfg, device, sync).state, tracker: checkTracker(tracker).value });
  };
  /** For events that need a browser query first: the time is the moment the event arrived, not the answer. */
  const trackQueried = async (query: Promise<TrackerEvent>, at: number) => track(await query, at);

  const schedule = async (cfg: ResolvedConfig) => {
    env.browser.idle?.setDetectionInterval(cfg.idleSeconds);
    await ensureAlarm(ALARM.tick, 1);
    await ensureAlarm(ALARM.upload, cfg.uploadIntervalMinutes);
    await ensureAlarm(ALARM.catalog, CATALOG_REFRESH_MINUTES);
  };
  // Re-creating an existing alarm on every worker start would push it back each time; keep it if unchanged.
  const ensureAlarm = async (name: string, periodInMinutes: number) => {
    const existing = await env.browser.alarms.get(name);
    if (existing?.periodInMinutes !== periodInMinutes) {
      await env.browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
    }
  };

  const afterUpload = async (cfg: ResolvedConfig, result: UploadResult): Promise<UploadNowReply> => {
    const { ok, error, accepted, nextAttemptAt } = result;
    if (nextAttemptAt) await env.browser.alarms.create(ALARM.retry, { when: nextAttemptAt });
    await showConnection(cfg);
    return { ok, ...(error !== undefined ? { error } : {}), ...(accepted !== undefined ? { accepted } : {}) };
  };
  const uploadAndSchedule = async (cfg: ResolvedConfig) => afterUpload(cfg, await upload(env, cfg));
  /** Due is decided in the upload's turn, not before it: the one ahead may fail and set a backoff. */
  const uploadIfDue = async () => {
    const cfg = await config.load();
    const result = await uploadWhenDue(env, cfg);
    if (result) await afterUpload(cfg, result);
  };
  /** New apps and domains reach the device without a release; only an enrolled device can ask. */
  const refreshCatalogNow = async () => {
    const [cfg, device] = await Promise.all([config.load(), store.device.getValue()]);
    if (!device || device.serverUrl !== cfg.serverUrl) return;
    // The open tab may belong to an app that was just added: look at it again now.
    if (await refreshCatalog(env, device)) await track({ type: 'tick' });
  };
  /** A new configuration deserves an attempt now, whatever the backoff said about the old one. */
  const reconfigure = async () => {
    const cfg = await config.load();
    await schedule(cfg);
    await store.sync.setValue({ ...(await store.sync.getValue()), failures: 0, nextAttemptAt: null });
    await uploadAndSchedule(cfg);
  };

  return {
    async start() {
      const cfg = await config.load();
      await schedule(cfg);
      await showConnection(cfg);
      await track(await snapshotEvent(env.browser, cfg.idleSeconds));
      await uploadIfDue();
    },
    onTabActivated: (info: { tabId: number; windowId: number }) =>
      trackQueried(activateEvent(env.browser, info), env.now()),
    onTabUpdated: (
      tabId: number,
      change: { url?: string; audible?: boolean },
      tab: { windowId: number; active: boolean },
    ) => track(updateEvent(tabId, change, tab)),
    onTabRemoved: (tabId: number, info: { windowId: number; isWindowClosing: boolean }) =>
      track(removeEvent(tabId, info)),
    onFocusChanged: (windowId: number) => trackQueried(focusEvent(env.browser, windowId), env.now()),
    onIdleChanged: (state: string) => track({ type: 'idle', state: state as IdleState }),
    async onAlarm(name: string) {
      if (name === ALARM.tick) await track({ type: 'tick' });
      else if (name === ALARM.upload || name === ALARM.retry) await uploadIfDue();
      else if (name === ALARM.catalog) await refreshCatalogNow();
    },
    async onStorageChanged(changes: Record<string, unknown>, area: string) {
      if (area === 'managed') config.forgetPolicy();
      if (area === 'managed' || (area === 'local' && 'config' in changes)) await reconfigure();
    },
    async handleMessage(message: unknown): Promise<StatusReply | UploadNowReply | undefined> {
      if (!isMessage(message)) return undefined;
      const cfg = await config.load();
      if (message.type === 'upload-now') return uploadAndSchedule(cfg);
      await track({ type: 'tick' });
      return buildStatus(env, cfg);
    },
  };
}

export type Agent = ReturnType<typeof createAgent>;
