// Login sessions: opened for a user (the cookie value is the secret, only its hash is stored), found, closed.
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Db } from '../db/client.ts';
import * as sessions from '../queries/sessions.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** What the cookie carries: the session's secret and how long it lives. */
export type OpenedSession = { token: string; maxAgeSeconds: number };

export async function openSession(db: Db, userId: number, now: Date): Promise<OpenedSession> {
  const token = newSecretToken('session');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await sessions.saveSession(db, { idHash: hashToken(token), userId, expiresAt }, now);
  return { token, maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await sessions.deleteSession(db, hashToken(token));
}
