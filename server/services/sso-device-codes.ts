// The one-time code an extension gets after its person signed in at the identity provider (DESIGN section 9): it
// carries the email the provider vouched for to /devices/enroll, within minutes, once.
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Db } from '../db/client.ts';
import { redirectWithCode } from '../domain/extension-redirect.ts';
import { insertSsoDeviceCode, pruneExpiredSsoDeviceCodes, takeSsoDeviceCode } from '../queries/sso-device-codes.ts';

/** Long enough for the extension to post its enrollment right after the sign-in window closes. */
export const SSO_DEVICE_CODE_MS = 5 * 60 * 1000;

/** Issues a code for `email` and gives the extension's redirect address carrying it; only its hash is stored. */
export async function issueSsoDeviceCode(db: Db, email: string, redirect: string, now: Date): Promise<string> {
  await pruneExpiredSsoDeviceCodes(db, now);
  const code = newSecretToken('ssoCode');
  await insertSsoDeviceCode(db, {
    codeHash: hashToken(code),
    email,
    redirect,
    expiresAt: new Date(now.getTime() + SSO_DEVICE_CODE_MS),
  });
  return redirectWithCode(redirect, code);
}

/** The vouched-for email, or null when the code is unknown, expired or already used; a valid code is used up. */
export async function redeemSsoDeviceCode(db: Db, code: string, now: Date): Promise<string | null> {
  return takeSsoDeviceCode(db, hashToken(code), now);
}
