// Who a credential belongs to: a session cookie, an API token (acting with at most its maker's current role) or a
// device token. Null when the credential is unknown, expired, revoked, or its owner may no longer act.
import type { Principal } from '../auth/principal.ts';
import { hashToken } from '../auth/secret-token.ts';
import { tokenActsAs } from '../auth/token-role.ts';
import type { Db } from '../db/client.ts';
import { Unauthenticated } from '../errors.ts';
import { type DevicePrincipal, findLiveDevice, findLiveDevices } from '../queries/devices.ts';
import { findSessionUser } from '../queries/sessions.ts';
import { findLiveApiToken, markApiTokenUsed } from '../queries/tokens.ts';
import { logError } from '../safe-log.ts';

export type { DevicePrincipal };

/** Last use to the minute is enough, and spares a write on every request of a busy script. */
const LAST_USE_PRECISION_MS = 60_000;

/** Last-use stamps on their way to the write thread, per database. */
const pendingStamps = new WeakMap<Db, Set<Promise<void>>>();

/**
 * The request does not wait for its token's stamp: under a fleet's uploads the write thread's queue can be a second
 * long, and a last-use time is not worth that. A failed stamp is logged; the next use a minute on stamps again.
 */
function stampInBackground(db: Db, stamp: Promise<void>) {
  let pending = pendingStamps.get(db);
  if (!pending) {
    pending = new Set();
    pendingStamps.set(db, pending);
  }
  // A stamp cut off by the database closing (the server stopping) is no failure worth a log line.
  const settled = stamp.catch((error) => {
    if (!db.$client.closed) logError('api token last-use stamp', error);
  });
  pending.add(settled);
  void settled.finally(() => pending.delete(settled));
}

/** Resolves once every stamp started before the call is written (or failed): a token list shows the last use. */
export async function stampsWritten(db: Db): Promise<void> {
  await Promise.all(pendingStamps.get(db) ?? []);
}

export async function identifyApiToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  const found = await findLiveApiToken(db, hashToken(token));
  if (!found) return null;
  const role = tokenActsAs({ role: found.role, revokedAt: null }, found.maker);
  if (role === null) return null;
  const staleBefore = new Date(now.getTime() - LAST_USE_PRECISION_MS);
  // Stamped once a minute at most: the read above already says whether this minute's stamp is there.
  if (found.lastUsedAt === null || found.lastUsedAt < staleBefore)
    stampInBackground(db, markApiTokenUsed(db, found.id, now, staleBefore));
  return { kind: 'token', tokenId: found.id, name: found.name, role, makerId: found.maker.id };
}

export async function identifySession(db: Db, cookie: string, now: Date): Promise<Principal | null> {
  const user = await findSessionUser(db, hashToken(cookie), now);
  return user ? { kind: 'user', userId: user.id, email: user.email, role: user.role } : null;
}

export async function identifyDevice(db: Db, token: string): Promise<DevicePrincipal | null> {
  return findLiveDevice(db, hashToken(token));
}

/**
 * Devices whose tokens were seen live, per database, for usage uploads only (a fleet's hundreds a second). A token
 * names one device for good, so what is remembered never turns wrong; whether the device is still live is decided by
 * the upload's own transaction (queries/usage.ts), which refuses a device revoked or deleted meanwhile, on this
 * instance or another. Oldest first out beyond the bound, so memory stays flat whatever the fleet.
 */
const rememberedDevices = new WeakMap<Db, Map<string, DevicePrincipal>>();
export const REMEMBERED_DEVICES = 100_000;

type Lookup = { hash: string; found: (device: DevicePrincipal | null) => void; failed: (error: unknown) => void };
/** Tokens not remembered, waiting to be looked up together (a burst's first uploads, after a start). */
const lookupsDue = new WeakMap<Db, Lookup[]>();

/** Looks up every token that arrived in this turn of the event loop in one statement. */
async function lookUpTogether(db: Db) {
  const due = lookupsDue.get(db) ?? [];
  lookupsDue.delete(db);
  try {
    const live = await findLiveDevices(db, [...new Set(due.map((lookup) => lookup.hash))]);
    for (const lookup of due) lookup.found(live.get(lookup.hash) ?? null);
  } catch (error) {
    for (const lookup of due) lookup.failed(error);
  }
}

function lookUp(db: Db, hash: string): Promise<DevicePrincipal | null> {
  let due = lookupsDue.get(db);
  if (!due) {
    due = [];
    lookupsDue.set(db, due);
    setImmediate(() => void lookUpTogether(db));
  }
  const queue = due;
  return new Promise((found, failed) => queue.push({ hash, found, failed }));
}

/** The device of an upload's token: remembered from an earlier upload, else looked up (and then remembered). */
export async function identifyUploadingDevice(db: Db, token: string): Promise<DevicePrincipal | null> {
  let remembered = rememberedDevices.get(db);
  if (!remembered) {
    remembered = new Map();
    rememberedDevices.set(db, remembered);
  }
  const hash = hashToken(token);
  const known = remembered.get(hash);
  if (known) return known;
  const found = await lookUp(db, hash);
  if (!found) return null;
  if (remembered.size >= REMEMBERED_DEVICES) remembered.delete(remembered.keys().next().value!);
  remembered.set(hash, found);
  return found;
}

/**
 * One refusal for an unknown and a revoked device token (also one revoked while its upload waited): the extension
 * enrolls again on it.
 */
export const deviceTokenRefused = () =>
  new Unauthenticated('invalid_device_token', 'The device token is unknown or was revoked; enroll again.');

/** Forgets a token whose upload was refused as revoked: its next request is refused before its body is read. */
export function forgetUploadingDevice(db: Db, token: string): void {
  rememberedDevices.get(db)?.delete(hashToken(token));
}
