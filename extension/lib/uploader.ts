// Uploads the running totals the server has not acknowledged, re-enrolling once on 401 and backing off on failure.
import type { UsageRecord } from '../../server/contract';
import { ApiError } from '../../server/contract/api-error';
import type { AgentEnv } from './agent-env';
import { backoffDelay } from './backoff';
import { catalogIsStale, refreshCatalog } from './catalog-sync';
import { type CompleteConfig, isComplete, type ResolvedConfig } from './config-resolution';
import { chunk, pruneDays, unackedRecords } from './day-totals';
import { deviceApi } from './device-api';
import { baselineFor, enroll, ensureDevice } from './enrollment';
import { createQueue } from './queue';
import { recordEvent } from './record-event';
import type { Device, SyncState } from './storage-items';
import * as store from './storage-items';

/** The server's limit (MAX_USAGE_RECORDS in the contract), repeated here to keep zod out of the bundle. */
export const MAX_RECORDS_PER_REQUEST = 1000;

export type UploadResult = { ok: boolean; error?: string; accepted?: number; nextAttemptAt?: number | null };

// An alarm and the popup's button can fire together; two uploads at once would race on acknowledgements.
const oneUploadAtATime = createQueue();

export function upload(env: AgentEnv, config: ResolvedConfig): Promise<UploadResult> {
  return oneUploadAtATime(() => uploadInTurn(env, config));
}

/**
 * A scheduled upload: it waits its turn behind a running one (an enrollment through single sign-on waits as long as
 * the person leaves the sign-in window open) and goes only if it is still due then, since the upload before it may
 * have failed and set a backoff. Otherwise closing that window would open it again once per upload that came due.
 * Null when it did not go.
 */
export function uploadWhenDue(env: AgentEnv, config: ResolvedConfig): Promise<UploadResult | null> {
  return oneUploadAtATime(async () =>
    uploadIsDue(await store.sync.getValue(), env.now()) ? uploadInTurn(env, config) : null,
  );
}

async function uploadInTurn(env: AgentEnv, config: ResolvedConfig): Promise<UploadResult> {
  if (!isComplete(config)) {
    return {
      ok: false,
      error: "this browser is not connected to your company's Seatwise yet; ask your IT team to set it up.",
    };
  }
  // Close the open segment up to now so the upload carries the time spent until this moment.
  await recordEvent({ type: 'tick' }, env);
  const sent: UsageRecord[] = [];
  const at = env.now();
  try {
    const accepted = await send(env, config, sent);
    await finish({
      lastUpload: { at, ok: true, payload: { records: sent }, accepted },
      failures: 0,
      nextAttemptAt: null,
    });
    return { ok: true, accepted, nextAttemptAt: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = (await store.sync.getValue()).failures + 1;
    // From the moment it failed: an enrollment may have waited long for the person in the sign-in window.
    const nextAttemptAt = env.now() + backoffDelay(failures, env.random());
    await finish({
      lastUpload: { at, ok: false, payload: { records: sent }, error: message },
      failures,
      nextAttemptAt,
    });
    return { ok: false, error: message, nextAttemptAt };
  }
}

/** Scheduled uploads wait out the backoff; the popup's button and a new configuration do not. */
export function uploadIsDue(sync: SyncState, now: number): boolean {
  return sync.nextAttemptAt === null || now >= sync.nextAttemptAt;
}

async function send(env: AgentEnv, config: CompleteConfig, sent: UsageRecord[]): Promise<number> {
  let device = await ensureDevice(env, config);
  let reenrolled = false;
  // 401 means the token was revoked or the server forgot us: enroll again, once, and redo the whole step, because
  // enroll() moves what the revoked device delivered into the baseline and the records to send change with it.
  const withDevice = async <T>(step: (device: Device) => Promise<T>): Promise<T> => {
    try {
      return await step(device);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || reenrolled) throw error;
      reenrolled = true;
      device = await enroll(env, config);
      return step(device);
    }
  };

  if (catalogIsStale(await store.catalog.getValue(), config.serverUrl, env.now())) {
    await withDevice((d) => refreshCatalog(env, d));
    // Re-evaluate the current tab against the new catalog now rather than at the next tick.
    await recordEvent({ type: 'tick' }, env);
  }
  return withDevice((d) => deliver(env, d, sent));
}

async function deliver(env: AgentEnv, device: Device, sent: UsageRecord[]): Promise<number> {
  const [totals, acked, baseline] = await Promise.all([
    store.totals.getValue(),
    store.acked.getValue(),
    baselineFor(device),
  ]);
  const pending = unackedRecords(totals, acked, baseline);
  sent.length = 0; // a retry after re-enrollment sends other records; the popup shows what went out last
  // Nothing new still goes out as an empty list: the heartbeat that tells the server this device is alive.
  const parts = pending.length > 0 ? chunk(pending, MAX_RECORDS_PER_REQUEST) : [[]];
  let accepted = 0;
  for (const part of parts) {
    const body = { records: part.map((p) => p.record) };
    sent.push(...body.records);
    const reply = await deviceApi(device.serverUrl, env.fetch).upload(device.deviceToken, body);
    accepted += typeof reply.accepted === 'number' ? reply.accepted : 0;
    await store.serialize(async () => {
      const next = { ...(await store.acked.getValue()) };
      for (const { key, record } of part) next[key] = record;
      await store.acked.setValue(pruneDays(next, env.calendar.dayOf(env.now())));
    });
  }
  return accepted;
}

async function finish(state: SyncState): Promise<void> {
  await store.sync.setValue(state);
}
