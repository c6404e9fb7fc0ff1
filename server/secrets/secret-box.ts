// Seals secrets for the database with AES-256-GCM (Node's crypto): a random 96-bit IV per value, and the format
// version and the secret's purpose authenticated with it, so a value cannot be altered or moved to another field.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed value starts with; a stored value without it is a secret from before encryption (plaintext). */
export const SEALED_PREFIX = 'sw1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Which secret a value is: part of what the tag authenticates. */
export type SecretPurpose =
  | 'smtp.password'
  | 'webhook.secret'
  | 'reclaim.link_key'
  | 'key.check'
  | 'sso.transaction'
  | 'connector.token';

/** The stored value was sealed with another key (or altered): nothing to do but restore the key or re-enter it. */
export class SecretKeyMismatch extends Error {
  override name = 'SecretKeyMismatch';
  constructor(readonly purpose: SecretPurpose) {
    super(
      `the stored ${purpose} cannot be decrypted with this secret key ` +
        '(SEATWISE_SECRET_KEY or the key file beside the database): it was encrypted with another key or altered',
    );
  }
}

/** Keys derived from the secret key for one use each; never stored, never shown. */
export type DerivedKeyPurpose = 'pseudonym.key';

export type SecretBox = {
  seal: (purpose: SecretPurpose, plaintext: string) => string;
  /**
   * A 32-byte key for one purpose, derived from the secret key with HKDF-SHA256 (RFC 5869); `salt` ties it to one
   * installation. Knowing a derived key, or anything made with it, tells nothing of the secret key or other purposes.
   */
  derive: (purpose: DerivedKeyPurpose, salt: string) => Buffer;
  /** The plaintext of a stored value; a value stored before encryption (no prefix) is returned as it is. */
  open: (purpose: SecretPurpose, stored: string) => string;
};

export const isSealed = (stored: string) => stored.startsWith(SEALED_PREFIX);

const aadOf = (purpose: SecretPurpose) => Buffer.from(`${SEALED_PREFIX}${purpose}`, 'utf8');

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    derive(purpose, salt) {
      return Buffer.from(hkdfSync('sha256', key, salt, `seatwise:${purpose}`, 32));
    },
    seal(purpose, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aadOf(purpose));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(purpose, stored) {
      if (!isSealed(stored)) return stored;
      const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretKeyMismatch(purpose);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(aadOf(purpose));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SecretKeyMismatch(purpose);
      }
    },
  };
}
