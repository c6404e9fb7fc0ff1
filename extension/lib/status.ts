// Builds the status the popup and options page show, from stored state and the resolved configuration.
import type { AgentEnv } from './agent-env';
import { weekStartOf } from './calendar';
import { isComplete, type ResolvedConfig } from './config-resolution';
import { toRecord } from './day-totals';
import { type AppDay, NOT_CONNECTED_MESSAGE, type StatusReply } from './messages';
import type { Device, SyncState } from './storage-items';
import * as store from './storage-items';
import { checkTotals, checkTracker } from './stored-value-checks';

export async function buildStatus(env: AgentEnv, config: ResolvedConfig): Promise<StatusReply> {
  const [device, sync, rawTotals, catalog, rawTracker] = await Promise.all([
    store.device.getValue(),
    store.sync.getValue(),
    store.totals.getValue(),
    store.catalog.getValue(),
    store.tracker.getValue(),
  ]);
  const checkedTotals = checkTotals(rawTotals);
  const checkedTracker = checkTracker(rawTracker);
  const totals = checkedTotals.value;
  const tracker = checkedTracker.value;
  const today = env.calendar.dayOf(env.now());
  const weekStart = weekStartOf(today);
  const names = new Map((catalog?.apps ?? []).map((app) => [app.id, app.name]));
  const sumByApp = (from: string): AppDay[] => {
    const byApp = new Map<string, AppDay>();
    for (const key of Object.keys(totals)) {
      const day = key.slice(0, 10);
      if (day < from || day > today) continue;
      const { appId, activeSeconds, visits, lastActiveAt } = toRecord(key, totals[key]!);
      const sum = byApp.get(appId) ?? {
        appId,
        appName: names.get(appId) ?? appId,
        activeSeconds: 0,
        visits: 0,
        lastActiveAt: null,
      };
      sum.activeSeconds += activeSeconds;
      sum.visits += visits;
      if (lastActiveAt && (!sum.lastActiveAt || lastActiveAt > sum.lastActiveAt)) sum.lastActiveAt = lastActiveAt;
      byApp.set(appId, sum);
    }
    return [...byApp.values()].sort((a, b) => b.activeSeconds - a.activeSeconds || a.appName.localeCompare(b.appName));
  };
  return {
    connection: connectionOf(config, device, sync),
    config: {
      serverUrl: config.serverUrl,
      userEmail: config.userEmail,
      enrollmentTokenSet: config.enrollmentToken !== null,
      idleSeconds: config.idleSeconds,
      uploadIntervalMinutes: config.uploadIntervalMinutes,
      sources: config.sources,
      problems: [...config.problems, ...checkedTracker.problems, ...checkedTotals.problems],
    },
    deviceId: device?.deviceId ?? null,
    today,
    todayTotals: sumByApp(today),
    weekStart,
    weekTotals: sumByApp(weekStart),
    catalogApps: (catalog?.apps ?? []).map((app) => app.name).sort((a, b) => a.localeCompare(b)),
    trackingAppId: tracker.open?.appId ?? null,
    lastUpload: sync.lastUpload,
    nextAttemptAt: sync.nextAttemptAt,
  };
}

export function connectionOf(
  config: ResolvedConfig,
  device: Device | null,
  sync: SyncState,
): StatusReply['connection'] {
  if (!isComplete(config)) {
    const missing = (['serverUrl', 'enrollmentToken', 'userEmail'] as const).filter((key) => config[key] === null);
    return { state: 'not_configured', message: NOT_CONNECTED_MESSAGE, missing };
  }
  const last = sync.lastUpload;
  if (!last) return { state: 'connecting', message: `Connecting to ${config.serverUrl}…` };
  if (last.ok && device) return { state: 'connected', message: `Connected to ${config.serverUrl}.` };
  return { state: 'failing', message: `Cannot upload to ${config.serverUrl}: ${last.error ?? 'unknown error'}` };
}
