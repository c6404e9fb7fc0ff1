// Keep-or-release links: the reclaim id and an expiry, signed with the server's secret (HMAC-SHA256), so the
// holder needs no login and nobody can forge or extend a link. Pure apart from the crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The outbox event of the email asking a holder to keep or release their seat. */
export const RECLAIM_REQUEST_EVENT = 'reclaim.request';

export type LinkCheck =
  | { ok: true; reclaimId: number; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'expired' };

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function makeReclaimToken(secret: string, reclaimId: number, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ r: reclaimId, e: Math.floor(expiresAt / 1000) })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function checkReclaimToken(secret: string, token: string, now: number): LinkCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const { r, e } = (parsed ?? {}) as { r?: unknown; e?: unknown };
  if (typeof r !== 'number' || !Number.isInteger(r) || typeof e !== 'number') return { ok: false, reason: 'invalid' };
  if (e * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, reclaimId: r, expiresAt: e * 1000 };
}

/**
 * What a reclaim email's delivery keeps once it has gone out (or given up): never the signed link. Emails queued
 * before links were made at sending time hold the whole message; only its subject stays, for the delivery log.
 */
export function reclaimPayloadOnceSent(payload: string): string {
  const parsed = JSON.parse(payload) as { subject?: unknown; text?: unknown; html?: unknown };
  if (parsed.text === undefined && parsed.html === undefined) return payload;
  return JSON.stringify({ subject: typeof parsed.subject === 'string' ? parsed.subject : null });
}

/** What the outbox keeps for a reclaim email until it sends it: which reclaim, and the address links start with. */
export type ReclaimRequestPayload = { reclaimId: number; baseUrl: string };

/** The reclaim a queued email is about, or null for any other email (and for reclaim emails queued before this). */
export function reclaimRequestOf(event: string, payload: string): ReclaimRequestPayload | null {
  if (event !== RECLAIM_REQUEST_EVENT) return null;
  const parsed = JSON.parse(payload) as Partial<ReclaimRequestPayload>;
  return typeof parsed.reclaimId === 'number' && typeof parsed.baseUrl === 'string'
    ? { reclaimId: parsed.reclaimId, baseUrl: parsed.baseUrl }
    : null;
}
