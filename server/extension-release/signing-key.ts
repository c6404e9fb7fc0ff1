// The installation's CRX signing key: created once (mode 0600) or read from a file; it fixes the Chrome/Edge id.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPrivateFileOnce } from '../private-file.ts';

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
 * create it both end up with the one that was linked into place first, so they sign with the same key.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    createPrivateFileOnce(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    pem = readFileSync(path, 'utf8');
  }
  const der = createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' });
  return { path, publicKey: der.toString('base64'), extensionId: extensionIdOf(der) };
}
