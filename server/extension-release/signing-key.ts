// The installation's CRX signing key: created once (mode 0600) or read from a file; it fixes the Chrome/Edge id.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type SigningKey = {
  path: string;
  /** Base64 DER of the public key, as the manifest's `key` field wants it. */
  publicKey: string;
  /** The Chrome/Edge extension id this key signs for. */
  extensionId: string;
};

/** Chrome's id: the first 16 bytes of sha256(DER public key) in hex, each digit 0-f written as a-p. */
export function extensionIdOf(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * Reads the PEM private key at `path`, creating a new RSA key there first if none exists. Two instances racing to
 * create it both end up with the one that was written first (`wx`), so they sign with the same key.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    pem = readFileSync(path, 'utf8');
  }
  const der = createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' });
  return { path, publicKey: der.toString('base64'), extensionId: extensionIdOf(der) };
}
