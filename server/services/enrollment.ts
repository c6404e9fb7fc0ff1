// Enrolling a browser (DESIGN section 3): throttled per address and per token, the token live and not expired, the
// email within the enrollment rules, then the person, the device and its audit entry in one write.
import { randomUUID } from 'node:crypto';
import {
  ENROLL_PER_ADDRESS,
  ENROLL_PER_TOKEN,
  type WindowRule,
  windowRetryAfterSeconds,
} from '../auth/enroll-throttle.ts';
import { addressKey } from '../auth/login-throttle.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { EnrollBody, EnrollReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { enrollmentRefusal } from '../domain/enrollment-policy.ts';
import { Conflict, Forbidden, RateLimited, Unauthenticated } from '../errors.ts';
import { enrollDevice, findPersonForEnrollment } from '../queries/enrollment.ts';
import { getEnrollmentSettings } from '../queries/enrollment-settings.ts';
import { countInWindow, pruneFailures } from '../queries/rate-limits.ts';
import { findLiveEnrollmentToken } from '../queries/tokens.ts';
import { redeemSsoDeviceCode } from './sso-device-codes.ts';

/** As long as sign-in throttling remembers a counter, so pruning here never forgets one of its counters early. */
const COUNTERS_KEPT_MS = 24 * 60 * 60 * 1000;

/** Counts the attempt under `key`; over the rule's limit raises RateLimited too_many_attempts. */
async function throttle(db: Db, key: string, rule: WindowRule, at: Date, what: string): Promise<void> {
  const count = await countInWindow(db, key, rule, at.getTime());
  // A new window is the moment to drop counters nobody has used for a day (addresses come and go).
  if (count.count === 1) await pruneFailures(db, at.getTime() - COUNTERS_KEPT_MS);
  const wait = windowRetryAfterSeconds(rule, count, at.getTime());
  if (wait === null) return;
  throw new RateLimited('too_many_attempts', `Too many enrollments from ${what}; try again in ${wait} seconds.`, wait);
}

/**
 * The new device and its token, shown this once. Refused, storing nothing, with RateLimited `too_many_attempts`,
 * Unauthenticated `invalid_enrollment_token`, `enrollment_token_expired` or `invalid_sso_code`, Forbidden
 * `sso_required` or `email_not_allowed`, or Conflict `enrollment_token_used_up`. With an SSO code the device is the
 * vouched-for person's, whatever email was sent, and verified. `address` is the caller's network address.
 */
export async function enrollBrowser(
  { db, now }: { db: Db; now: () => Date },
  body: EnrollBody,
  address: string,
): Promise<EnrollReply> {
  const at = now();
  // Counted before the token is looked at, so guessing tokens is slowed down as much as using one.
  await throttle(db, `enroll:address:${addressKey(address)}`, ENROLL_PER_ADDRESS, at, 'this address');
  const enrollment = await findLiveEnrollmentToken(db, hashToken(body.enrollmentToken));
  if (!enrollment) {
    throw new Unauthenticated(
      'invalid_enrollment_token',
      'The enrollment token is unknown or was revoked; ask IT for the current one.',
    );
  }
  if (enrollment.expiresAt && enrollment.expiresAt.getTime() <= at.getTime()) {
    throw new Unauthenticated(
      'enrollment_token_expired',
      'The enrollment token has expired; ask IT for the current one.',
    );
  }
  await throttle(db, `enroll:token:${enrollment.id}`, ENROLL_PER_TOKEN, at, 'this enrollment token');
  const settings = await getEnrollmentSettings(db);
  const vouchedFor = body.ssoCode === undefined ? null : await redeemSsoDeviceCode(db, body.ssoCode, at);
  if (body.ssoCode !== undefined && vouchedFor === null) {
    throw new Unauthenticated(
      'invalid_sso_code',
      'The sign-in code is unknown, expired or already used; sign in again from the extension.',
    );
  }
  if (settings.requireSso && vouchedFor === null) {
    throw new Forbidden(
      'sso_required',
      'This company enrolls browsers only through single sign-on: the Seatwise extension opens the sign-in page; ' +
        'an enrollment token alone is not enough. Update the extension, or ask IT.',
    );
  }
  const email = vouchedFor ?? body.email;
  const refusal = enrollmentRefusal(settings, email, await findPersonForEnrollment(db, email));
  if (refusal) throw new Forbidden('email_not_allowed', refusal);
  const deviceId = randomUUID();
  const deviceToken = newSecretToken('device');
  const enrolled = await enrollDevice(db, {
    deviceId,
    tokenHash: hashToken(deviceToken),
    email,
    verifiedAt: vouchedFor === null ? null : at,
    browser: body.browser,
    extensionVersion: body.extensionVersion,
    enrollmentTokenId: enrollment.id,
    actor: `enrollment_token:${enrollment.label ?? enrollment.id}`,
  });
  if (!enrolled) {
    throw new Conflict(
      'enrollment_token_used_up',
      'The enrollment token has enrolled as many devices as it may; ask IT for another one.',
    );
  }
  return { deviceId, deviceToken, email: email.toLowerCase(), verified: vouchedFor !== null };
}
