// The key secrets are sealed with: SEATWISE_SECRET_KEY, else a key file beside the database (created once, 0600).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPrivateFileOnce } from '../private-file.ts';

export const SECRET_KEY_FORMAT = '32 random bytes as 64 hex digits or as base64 (e.g. `openssl rand -base64 32`)';

/** The 32-byte key written as 64 hex digits or base64/base64url, or null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) return null;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

/** The key file beside a file database: `<database file>.key`, so it is plain which database it opens. */
export const keyFileFor = (databasePath: string) => `${databasePath}.key`;

export class SecretKeyFileError extends Error {
  override name = 'SecretKeyFileError';
}

/** Reads the key file, or null when there is none. */
export function readKeyFile(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretKeyFileError(`cannot read the secret key file ${path}: ${(error as Error).message}`);
  }
  const key = parseSecretKey(text);
  if (!key)
    throw new SecretKeyFileError(
      `the secret key file ${path} does not hold a key (${SECRET_KEY_FORMAT}); restore it from your backup`,
    );
  return key;
}

/** Creates a new key file, or reads the one another instance wrote first. */
export function createKeyFile(path: string): Buffer {
  createPrivateFileOnce(path, `${randomBytes(32).toString('base64')}\n`);
  return readKeyFile(path)!;
}
