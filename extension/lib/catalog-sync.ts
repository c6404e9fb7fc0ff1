// Keeps the catalog of apps and domains current with conditional requests, so new apps reach devices without a release.

import { ApiError } from '../../server/contract/api-error';
import type { AgentEnv } from './agent-env';
import { deviceApi } from './device-api';
import type { Device, StoredCatalog } from './storage-items';
import * as store from './storage-items';

/** Past this age the next upload asks first; the catalog alarm asks more often, and a 304 costs almost nothing. */
export const CATALOG_MAX_AGE_MS = 60 * 60_000;
export const CATALOG_REFRESH_MINUTES = 15;

export function catalogIsStale(catalog: StoredCatalog | null, serverUrl: string, now: number): boolean {
  return !catalog || catalog.serverUrl !== serverUrl || now - catalog.fetchedAt > CATALOG_MAX_AGE_MS;
}

/** Returns whether the catalog changed; an unchanged one (304) only has its fetch time renewed. */
export async function refreshCatalog(env: Pick<AgentEnv, 'fetch' | 'now'>, device: Device): Promise<boolean> {
  const current = await store.catalog.getValue();
  const etag = current?.serverUrl === device.serverUrl ? (current.etag ?? null) : null;
  const reply = await deviceApi(device.serverUrl, env.fetch).catalogIfChanged(device.deviceToken, etag);
  if (reply === 'unchanged' && current) {
    await store.catalog.setValue({ ...current, fetchedAt: env.now() });
    return false;
  }
  if (reply === 'unchanged')
    throw new ApiError(304, 'bad_reply', 'The server answered 304 to a catalog request without an ETag.');
  const apps = Array.isArray(reply.catalog.apps)
    ? reply.catalog.apps.filter((app) => typeof app?.id === 'string' && Array.isArray(app.domains))
    : null;
  if (!apps) throw new ApiError(200, 'bad_reply', 'The server answered the catalog request without apps.');
  await store.catalog.setValue({
    version: String(reply.catalog.version ?? ''),
    apps: apps.map(({ id, name, domains }) => ({
      id,
      name: String(name ?? id),
      domains: domains.filter((d) => typeof d === 'string'),
    })),
    fetchedAt: env.now(),
    serverUrl: device.serverUrl,
    etag: reply.etag,
  });
  return true;
}
