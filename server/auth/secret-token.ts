// Random bearer secrets (sessions, API, enrollment, device tokens, SSO device codes) and the hash stored instead.
import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'session' | 'api' | 'enrollment' | 'device' | 'setup' | 'ssoCode';

const PREFIX: Record<TokenKind, string> = {
  session: 'sws_',
  api: 'swa_',
  enrollment: 'swe_',
  device: 'swd_',
  setup: 'swu_',
  ssoCode: 'swc_',
};

/** 256 random bits; the prefix lets secret scanners and people recognise what leaked. */
export function newSecretToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** High-entropy tokens need no salt or slow hash: sha256 is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
