// Signing in through the identity provider (DESIGN section 9): the person the ID token vouches for gets a Seatwise
// login on first sign-in, with the role their claim maps to, updated at every sign-in; a disabled login is refused.

import { z } from 'zod';
import type { SsoSettings } from '../auth/sso-settings.ts';
import type { Me } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { extensionRedirect } from '../domain/extension-redirect.ts';
import { roleFromClaim } from '../domain/sso-roles.ts';
import { recordAudit } from '../queries/audit.ts';
import * as users from '../queries/users.ts';
import { authorizationRequest, endSessionUrl, redeemCallback, type SsoTransaction } from '../sso/oidc-client.ts';
import { closeSession, type OpenedSession, openSession } from './sessions.ts';
import { issueSsoDeviceCode } from './sso-device-codes.ts';

export { SsoProblem } from '../sso/oidc-client.ts';

/** How long a person may take at the provider between /auth/sso and the callback. */
export const SIGN_IN_WINDOW_MS = 10 * 60 * 1000;

const Transaction = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  startedAt: z.number().int(),
  /** Set when an extension enrolls (GET /auth/sso/device): where its one-time code goes instead of a session. */
  deviceRedirect: z.string().optional(),
});

/** Why a checked sign-in is still refused: the person, not the protocol. */
export class SsoRefused extends Error {
  constructor(
    readonly kind: 'no_email' | 'no_role' | 'disabled' | 'no_transaction' | 'not_extension',
    readonly email: string | null,
  ) {
    super(kind);
    this.name = 'SsoRefused';
  }
}

/** SSO-only logins have no password: this matches no scrypt hash, so a password sign-in for them always fails. */
const NO_PASSWORD = '';

/**
 * Where to send the browser, and the sealed state, nonce and PKCE verifier it carries back in a cookie. With
 * `deviceRedirect` (an extension's checked redirect address) the sign-in ends in a device code, not a session.
 */
export async function startSsoSignIn(
  { db, now }: { db: Db; now: () => Date },
  sso: SsoSettings,
  redirectUri: string,
  deviceRedirect?: string,
): Promise<{ url: string; sealedTransaction: string }> {
  const { url, transaction } = await authorizationRequest(sso, redirectUri);
  const sealed = db.$secrets.seal(
    'sso.transaction',
    JSON.stringify({ ...transaction, startedAt: now().getTime(), deviceRedirect }),
  );
  return { url, sealedTransaction: sealed };
}

/** The transaction this browser started, or null: none, altered, from another key, or older than the window. */
function openTransaction(
  db: Db,
  sealed: string | undefined,
  now: Date,
): (SsoTransaction & { deviceRedirect?: string | undefined }) | null {
  if (!sealed) return null;
  try {
    const parsed = Transaction.safeParse(JSON.parse(db.$secrets.open('sso.transaction', sealed)));
    if (!parsed.success || now.getTime() - parsed.data.startedAt > SIGN_IN_WINDOW_MS) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Starts an extension's enrollment sign-in; refused (nothing started) unless `redirect` is an extension's own. */
export async function startSsoDeviceSignIn(
  deps: { db: Db; now: () => Date },
  sso: SsoSettings,
  redirectUri: string,
  redirect: string,
): Promise<{ url: string; sealedTransaction: string }> {
  const deviceRedirect = extensionRedirect(redirect);
  if (!deviceRedirect) throw new SsoRefused('not_extension', null);
  return startSsoSignIn(deps, sso, redirectUri, deviceRedirect);
}

/** What a checked callback ends in: a person signed in to the dashboard, or an extension's code to enroll with. */
export type SsoOutcome = { kind: 'session'; user: Me; session: OpenedSession } | { kind: 'device'; redirectTo: string };

export async function finishSsoSignIn(
  { db, now }: { db: Db; now: () => Date },
  sso: SsoSettings,
  callbackUrl: URL,
  sealedTransaction: string | undefined,
): Promise<SsoOutcome> {
  // Without its own transaction a callback is a replay, a link from elsewhere, or too late: nothing is redeemed.
  const transaction = openTransaction(db, sealedTransaction, now());
  if (!transaction) throw new SsoRefused('no_transaction', null);
  const identity = await redeemCallback(sso, callbackUrl, transaction);
  // An email the provider says it has not verified could be anyone's.
  if (!identity.email || identity.emailVerified === false) throw new SsoRefused('no_email', identity.email);
  const email = identity.email.toLowerCase();
  // A device needs no Seatwise login or role: it only learns whose it is.
  if (transaction.deviceRedirect) {
    return { kind: 'device', redirectTo: await issueSsoDeviceCode(db, email, transaction.deviceRedirect, now()) };
  }
  const role = roleFromClaim(identity.claims[sso.roleClaim], sso.mapping, sso.defaultRole);
  if (!role) throw new SsoRefused('no_role', email);
  const actor = `sso:${email}`;
  const existing = await users.findUserByEmail(db, email);
  let user: Me;
  if (!existing) {
    const created = await users.insertUser(db, email, NO_PASSWORD, role);
    await recordAudit(db, { actor, action: 'user.create', subjectType: 'user', subjectId: created.id, after: created });
    user = created;
  } else if (existing.disabled) {
    throw new SsoRefused('disabled', email);
  } else if (existing.role !== role) {
    const after = (await users.saveUserChanges(db, existing.id, { role }))!;
    await recordAudit(db, {
      actor,
      action: 'user.update',
      subjectType: 'user',
      subjectId: existing.id,
      before: existing,
      after,
    });
    user = { id: after.id, email: after.email, role: after.role };
  } else {
    user = { id: existing.id, email: existing.email, role: existing.role };
  }
  return { kind: 'session', user, session: await openSession(db, user.id, now()) };
}

/** Ends the Seatwise session (when there is one) and gives the provider's end-session address, or null without one. */
export async function ssoSignOutUrl(
  { db }: { db: Db },
  sso: SsoSettings,
  sessionToken: string | undefined,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  if (sessionToken) await closeSession(db, sessionToken);
  return endSessionUrl(sso, postLogoutRedirectUri);
}
