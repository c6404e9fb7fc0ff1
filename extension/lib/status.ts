// Builds the status the popup and options page show, from stored state and the resolved configuration.
import type { AgentEnv } from './agent-env';
import { isComplete, type ResolvedConfig } from './config';
import { toRecord } from './day-totals';
import type { StatusReply } from './messages';
import * as store from './store';
import type { Device, SyncState } from './store';

export async function buildStatus(env: AgentEnv, config: ResolvedConfig): Promise<StatusReply> {
  const [device, sync, totals, catalog, tracker] = await Promise.all([
    store.device.getValue(),
    store.sync.getValue(),
    store.totals.getValue(),
    store.catalog.getValue(),
    store.tracker.getValue(),
  ]);
  const today = env.calendar.dayOf(env.now());
  const names = new Map((catalog?.apps ?? []).map((app) => [app.id, app.name]));
  const todayTotals = Object.keys(totals)
    .filter((key) => key.startsWith(`${today}|`))
    .map((key) => toRecord(key, totals[key]!))
    .map(({ appId, activeSeconds, visits, lastActiveAt }) => ({
      appId,
      appName: names.get(appId) ?? appId,
      activeSeconds,
      visits,
      lastActiveAt,
    }))
    .sort((a, b) => b.activeSeconds - a.activeSeconds);
  return {
    connection: connectionOf(config, device, sync),
    config: {
      serverUrl: config.serverUrl,
      userEmail: config.userEmail,
      enrollmentTokenSet: config.enrollmentToken !== null,
      idleSeconds: config.idleSeconds,
      uploadIntervalMinutes: config.uploadIntervalMinutes,
      sources: config.sources,
      problems: config.problems,
    },
    deviceId: device?.deviceId ?? null,
    today,
    todayTotals,
    trackingAppId: tracker.open?.appId ?? null,
    lastUpload: sync.lastUpload,
    nextAttemptAt: sync.nextAttemptAt,
  };
}

function connectionOf(config: ResolvedConfig, device: Device | null, sync: SyncState): StatusReply['connection'] {
  if (!isComplete(config)) {
    const missing = (['serverUrl', 'enrollmentToken', 'userEmail'] as const).filter((key) => config[key] === null);
    return { state: 'not_configured', message: `Not configured: ${missing.join(', ')} missing. Open the options page.` };
  }
  const last = sync.lastUpload;
  if (!last) return { state: 'connecting', message: `Connecting to ${config.serverUrl}…` };
  if (last.ok && device) return { state: 'connected', message: `Connected to ${config.serverUrl}.` };
  return { state: 'failing', message: `Cannot upload to ${config.serverUrl}: ${last.error ?? 'unknown error'}` };
}
