// Signing in with a password, throttled per account and address and per address (DESIGN section 3), and out again.
import { ACCOUNT_AT_ADDRESS, ADDRESS, addressKey, retryAfterSeconds } from '../auth/login-throttle.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../auth/password.ts';
import type { PasswordLogin } from '../auth/sso-settings.ts';
import type { LoginBody, Me } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Forbidden, RateLimited, Unauthenticated } from '../errors.ts';
import { clearFailures, getFailureCount, pruneFailures, recordFailure } from '../queries/rate-limits.ts';
import { findUserForLogin } from '../queries/users.ts';
import { closeSession, type OpenedSession, openSession } from './sessions.ts';

const FORGET_MS = Math.max(ACCOUNT_AT_ADDRESS.forgetAfterMs, ADDRESS.forgetAfterMs);

/**
 * The user and their new session; RateLimited `too_many_attempts` while throttled, Unauthenticated
 * `invalid_credentials` for a wrong email or password (which counts as a failure). `address` is the caller's.
 */
export async function signIn(
  { db, now, passwordLogin = 'on' }: { db: Db; now: () => Date; passwordLogin?: PasswordLogin | undefined },
  { email, password }: LoginBody,
  address: string,
): Promise<{ user: Me; session: OpenedSession }> {
  if (passwordLogin === 'off') {
    throw new Forbidden('password_login_off', 'Passwords are turned off here: sign in with your identity provider.');
  }
  const from = addressKey(address);
  const keys = { accountAtAddress: `login:account:${email}|${from}`, address: `login:address:${from}` };
  const at = now().getTime();
  // Checked before the password, so a throttled guess costs no hashing and learns nothing.
  const accountWait = retryAfterSeconds(ACCOUNT_AT_ADDRESS, await getFailureCount(db, keys.accountAtAddress), at) ?? 0;
  const addressWait = retryAfterSeconds(ADDRESS, await getFailureCount(db, keys.address), at) ?? 0;
  const wait = Math.max(accountWait, addressWait);
  if (wait > 0) {
    const after = wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
    const who = accountWait >= addressWait ? 'for this account from here' : 'from this address';
    throw new RateLimited('too_many_attempts', `Too many wrong passwords ${who}; try again in ${after}.`, wait);
  }
  const user = await findUserForLogin(db, email);
  // Verify even for an unknown email so response time does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    await recordFailure(db, keys.accountAtAddress, ACCOUNT_AT_ADDRESS, at);
    await recordFailure(db, keys.address, ADDRESS, at);
    await pruneFailures(db, at - FORGET_MS);
    throw new Unauthenticated('invalid_credentials', 'The email or password is not right.');
  }
  await clearFailures(db, keys.accountAtAddress);
  // SEATWISE_PASSWORD_LOGIN=admins keeps a break-glass admin; everyone else goes through the identity provider.
  if (passwordLogin === 'admins' && user.role !== 'admin') {
    throw new Forbidden(
      'password_login_admins_only',
      'Here only admins sign in with a password: sign in with your identity provider.',
    );
  }
  const session = await openSession(db, user.id, now());
  return { user: { id: user.id, email: user.email, role: user.role }, session };
}

export const signOut = (db: Db, sessionToken: string): Promise<void> => closeSession(db, sessionToken);
