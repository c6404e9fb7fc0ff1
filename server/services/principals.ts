// Who a credential belongs to: a session cookie, an API token (acting with at most its maker's current role) or a
// device token. Null when the credential is unknown, expired, revoked, or its owner may no longer act.
import type { Principal } from '../auth/principal.ts';
import { hashToken } from '../auth/secret-token.ts';
import { tokenActsAs } from '../auth/token-role.ts';
import type { Db } from '../db/client.ts';
import { type DevicePrincipal, findLiveDevice } from '../queries/devices.ts';
import { findSessionUser } from '../queries/sessions.ts';
import { findLiveApiToken, markApiTokenUsed } from '../queries/tokens.ts';

export type { DevicePrincipal };

/** Last use to the minute is enough, and spares a write on every request of a busy script. */
const LAST_USE_PRECISION_MS = 60_000;

export async function identifyApiToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  const found = await findLiveApiToken(db, hashToken(token));
  if (!found) return null;
  const role = tokenActsAs({ role: found.role, revokedAt: null }, found.maker);
  if (role === null) return null;
  const staleBefore = new Date(now.getTime() - LAST_USE_PRECISION_MS);
  // Stamped once a minute at most: the read above already says whether this minute's stamp is there.
  if (found.lastUsedAt === null || found.lastUsedAt < staleBefore)
    await markApiTokenUsed(db, found.id, now, staleBefore);
  return { kind: 'token', tokenId: found.id, name: found.name, role, makerId: found.maker.id };
}

export async function identifySession(db: Db, cookie: string, now: Date): Promise<Principal | null> {
  const user = await findSessionUser(db, hashToken(cookie), now);
  return user ? { kind: 'user', userId: user.id, email: user.email, role: user.role } : null;
}

export async function identifyDevice(db: Db, token: string): Promise<DevicePrincipal | null> {
  return findLiveDevice(db, hashToken(token));
}
