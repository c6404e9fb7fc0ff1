// What the popup can say from stored state alone, before the background has read the (slow) managed policy.
import type { StatusReply } from './messages';
import type { Device, StoredCatalog, SyncState } from './storage-items';

export type EarlyView = { connection: StatusReply['connection'] | null; catalogApps: string[] };

/**
 * An enrolled device whose last upload went through is connected; anything else waits for the background, because
 * only it knows whether a policy has arrived. Saying nothing beats a "Loading…" or a wrong guess.
 */
export function earlyView(device: Device | null, sync: SyncState, catalog: StoredCatalog | null): EarlyView {
  const connected = device !== null && sync.lastUpload?.ok === true;
  return {
    connection: connected ? { state: 'connected', message: `Connected to ${device.serverUrl}.` } : null,
    catalogApps: (catalog?.apps ?? []).map((app) => app.name).sort((a, b) => a.localeCompare(b)),
  };
}
