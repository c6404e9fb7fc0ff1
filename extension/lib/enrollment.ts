// Device credentials and the catalog: enrolls when there is no device for the configured server and person.
import type { AgentEnv } from './agent-env';
import type { CompleteConfig } from './config';
import { ApiError, deviceApi } from './device-api';
import * as store from './store';
import type { Device, StoredCatalog } from './store';

/** The catalog changes rarely; an hourly refresh keeps new apps flowing without a request per upload. */
export const CATALOG_MAX_AGE_MS = 60 * 60_000;

export async function ensureDevice(env: AgentEnv, config: CompleteConfig): Promise<Device> {
  const current = await store.device.getValue();
  if (current && current.serverUrl === config.serverUrl && current.email === config.userEmail) return current;
  return enroll(env, config);
}

export async function enroll(env: AgentEnv, config: CompleteConfig): Promise<Device> {
  const previous = await store.device.getValue();
  const reply = await deviceApi(config.serverUrl, env.fetch).enroll({
    enrollmentToken: config.enrollmentToken,
    email: config.userEmail,
    browser: env.browserName,
    extensionVersion: env.extensionVersion,
  });
  if (typeof reply.deviceId !== 'string' || typeof reply.deviceToken !== 'string') {
    throw new ApiError(200, 'bad_reply', 'The server answered the enrollment without device credentials.');
  }
  const device: Device = { ...reply, serverUrl: config.serverUrl, email: config.userEmail };
  await store.serialize(async () => {
    // Another server or person has acknowledged nothing; the same one after a revoked token keeps its
    // acknowledgements, so days already uploaded are not reported a second time under the new device.
    const sameIdentity = previous?.serverUrl === device.serverUrl && previous.email === device.email;
    if (!sameIdentity) await store.acked.setValue({});
    await store.device.setValue(device);
  });
  return device;
}

export async function forgetDevice(): Promise<void> {
  await store.device.setValue(null);
}

export function catalogIsStale(catalog: StoredCatalog | null, serverUrl: string, now: number): boolean {
  return !catalog || catalog.serverUrl !== serverUrl || now - catalog.fetchedAt > CATALOG_MAX_AGE_MS;
}

export async function refreshCatalog(env: AgentEnv, device: Device): Promise<StoredCatalog> {
  const reply = await deviceApi(device.serverUrl, env.fetch).catalog(device.deviceToken);
  const apps = Array.isArray(reply.apps)
    ? reply.apps.filter((app) => typeof app?.id === 'string' && Array.isArray(app.domains))
    : null;
  if (!apps) throw new ApiError(200, 'bad_reply', 'The server answered the catalog request without apps.');
  const catalog: StoredCatalog = {
    version: String(reply.version ?? ''),
    apps: apps.map(({ id, name, domains }) => ({ id, name: String(name ?? id), domains: domains.filter((d) => typeof d === 'string') })),
    fetchedAt: env.now(),
    serverUrl: device.serverUrl,
  };
  await store.catalog.setValue(catalog);
  return catalog;
}
