// Secrets sealed for the database: they come back only with the same key and purpose, and any change is caught.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed, SecretKeyMismatch, type SecretPurpose } from '../../server/secrets/secret-box.ts';
import { parseSecretKey } from '../../server/secrets/secret-key.ts';

const key = randomBytes(32);
const box = createSecretBox(key);

describe('createSecretBox', () => {
  it.each<[SecretPurpose, string]>([
    ['smtp.password', 'p4ss wörd ✓'],
    ['webhook.secret', 'whsec_abcdefghijklmnopqrstuvwx'],
    ['reclaim.link_key', 'x'.repeat(43)],
    ['smtp.password', ''],
  ])('seals %s so that only the same key opens it', (purpose, plaintext) => {
    const sealed = box.seal(purpose, plaintext);
    expect(isSealed(sealed)).toBe(true);
    if (plaintext) expect(sealed).not.toContain(plaintext);
    expect(box.open(purpose, sealed)).toBe(plaintext);
    expect(() => createSecretBox(randomBytes(32)).open(purpose, sealed)).toThrow(SecretKeyMismatch);
  });

  it('uses a fresh IV for every value, so equal secrets do not look equal', () => {
    expect(box.seal('smtp.password', 'same')).not.toBe(box.seal('smtp.password', 'same'));
  });

  it.each<[string, (sealed: string) => string]>([
    ['another purpose', (sealed) => sealed],
    ['a flipped byte', (sealed) => `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`],
    ['a cut value', (sealed) => sealed.slice(0, 20)],
    ['a shifted value', (sealed) => sealed.replace(/^sw1:/, 'sw1:A')],
  ])('refuses %s', (name, spoil) => {
    const sealed = spoil(box.seal('smtp.password', 'secret'));
    const purpose: SecretPurpose = name === 'another purpose' ? 'webhook.secret' : 'smtp.password';
    expect(() => box.open(purpose, sealed)).toThrow(/cannot be decrypted with this secret key/);
  });

  it('gives back a value stored before encryption as it is, so an upgrade keeps working until it is sealed', () => {
    expect(box.open('webhook.secret', 'whsec_plain')).toBe('whsec_plain');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});

describe('parseSecretKey', () => {
  const bytes = Buffer.from([...Array(32).keys()].map((i) => i * 7));
  it.each<[string, string, Buffer | null]>([
    ['64 hex digits', bytes.toString('hex'), bytes],
    ['upper-case hex', bytes.toString('hex').toUpperCase(), bytes],
    ['base64 (openssl rand -base64 32)', bytes.toString('base64'), bytes],
    ['base64url', bytes.toString('base64url'), bytes],
    ['with a trailing newline', `${bytes.toString('base64')}\n`, bytes],
    ['16 bytes', randomBytes(16).toString('hex'), null],
    ['48 bytes of base64', randomBytes(48).toString('base64'), null],
    ['a passphrase', 'correct horse battery staple', null],
    ['empty', '', null],
  ])('%s', (_name, text, expected) => {
    expect(parseSecretKey(text)).toEqual(expected);
  });
});
