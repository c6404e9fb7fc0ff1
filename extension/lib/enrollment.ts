// Device credentials: enrolls when there is no device for the configured server and person, keeping what earlier
// devices delivered.
import { storage } from 'wxt/utils/storage';
import { ApiError } from '../../server/contract/api-error';
import type { AgentEnv } from './agent-env';
import type { CompleteConfig } from './config-resolution';
import { type Baseline, pruneDays, retireAcked } from './day-totals';
import { deviceApi } from './device-api';
import { signInForEnrollment } from './sso-enrollment';
import type { Device } from './storage-items';
import * as store from './storage-items';

export async function ensureDevice(env: AgentEnv, config: CompleteConfig): Promise<Device> {
  const current = await store.device.getValue();
  if (current && current.serverUrl === config.serverUrl && current.email === config.userEmail) return current;
  return enroll(env, config);
}

/** With the company's requireSso the token alone is refused (sso_required): the person signs in, then it retries. */
export async function enroll(env: AgentEnv, config: CompleteConfig): Promise<Device> {
  const api = deviceApi(config.serverUrl, env.fetch);
  const body = {
    enrollmentToken: config.enrollmentToken,
    email: config.userEmail,
    browser: env.browserName,
    extensionVersion: env.extensionVersion,
  };
  const reply = await api.enroll(body).catch(async (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'sso_required') throw error;
    return api.enroll({ ...body, ssoCode: await signInForEnrollment(env, config.serverUrl) });
  });
  if (typeof reply.deviceId !== 'string' || typeof reply.deviceToken !== 'string') {
    throw new ApiError(200, 'bad_reply', 'The server answered the enrollment without device credentials.');
  }
  const device: Device = { ...reply, serverUrl: config.serverUrl, email: config.userEmail };
  await store.serialize(async () => {
    const [previous, acked, baseline] = await Promise.all([
      store.device.getValue(),
      store.acked.getValue(),
      store.baseline.getValue(),
    ]);
    const today = env.calendar.dayOf(env.now());
    // What earlier devices of the same server and person delivered stays delivered: the new device
    // reports only time on top of it. Another server or person has been told nothing.
    const earlier = baseline && sameIdentity(baseline, device) ? baseline.records : {};
    const records = previous && sameIdentity(previous, device) ? retireAcked(earlier, acked) : earlier;
    // One write: a worker stopped between them would leave the new device with the old acknowledgements.
    await storage.setItems([
      { item: store.device, value: device },
      { item: store.acked, value: {} },
      {
        item: store.baseline,
        value: { serverUrl: device.serverUrl, email: device.email, records: pruneDays(records, today) },
      },
    ]);
  });
  return device;
}

function sameIdentity(a: { serverUrl: string; email: string }, b: { serverUrl: string; email: string }): boolean {
  return a.serverUrl === b.serverUrl && a.email === b.email;
}

/** The baseline that applies to uploads by `device`. */
export async function baselineFor(device: Device): Promise<Baseline> {
  const baseline = await store.baseline.getValue();
  return baseline && sameIdentity(baseline, device) ? baseline.records : {};
}
