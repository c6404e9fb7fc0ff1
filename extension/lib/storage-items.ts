// Every piece of extension state, typed, in storage.local: the MV3 worker may be stopped between any two events.
import { storage } from 'wxt/utils/storage';
import type { Catalog, UsageUpload } from '../../server/contract';
import { initialTrackerState, type TrackerState } from './attention-tracker';
import type { OptionsConfig } from './config-resolution';
import type { Acked, Baseline, Totals } from './day-totals';
import { createQueue } from './queue';

export type Device = { deviceId: string; deviceToken: string; serverUrl: string; email: string };
/** `etag` is the server's ETag for this catalog, sent back as If-None-Match so an unchanged catalog costs a 304. */
export type StoredCatalog = Catalog & { fetchedAt: number; serverUrl: string; etag?: string | null };
export type LastUpload = {
  at: number;
  ok: boolean;
  /** Exactly what was sent, for the popup to show word for word. */
  payload: UsageUpload;
  accepted?: number;
  error?: string;
};
export type SyncState = { lastUpload: LastUpload | null; failures: number; nextAttemptAt: number | null };

export const optionsConfig = storage.defineItem<OptionsConfig>('local:config', { fallback: {} });
export const device = storage.defineItem<Device | null>('local:device', { fallback: null });
export const catalog = storage.defineItem<StoredCatalog | null>('local:catalog', { fallback: null });
export const tracker = storage.defineItem<TrackerState>('local:tracker', { fallback: initialTrackerState });
export const totals = storage.defineItem<Totals>('local:totals', { fallback: {} });
export const acked = storage.defineItem<Acked>('local:acked', { fallback: {} });
/** Seconds and visits delivered by earlier devices of this browser, for the identity (server, email) they belong to. */
export type StoredBaseline = { serverUrl: string; email: string; records: Baseline };
export const baseline = storage.defineItem<StoredBaseline | null>('local:baseline', { fallback: null });
export const sync = storage.defineItem<SyncState>('local:sync', {
  fallback: { lastUpload: null, failures: 0, nextAttemptAt: null },
});

/**
 * Read-modify-write of tracker, totals and acknowledgements goes through this queue: tab
 * events arrive in bursts and would otherwise read the same totals and overwrite each other.
 */
export const serialize = createQueue();
