// The environment is parsed once at boot; every bad value is named.
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../server/env.ts';

describe('parseEnv', () => {
  it('uses the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 8787,
      DATABASE_URL: 'file:data/seatwise.db',
      SEATWISE_SECURE_COOKIES: 'auto',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '' }).PORT).toBe(8787);
  });

  it.each([
    [
      { SEATWISE_ADMIN_EMAIL: 'a@example.com', SEATWISE_ADMIN_PASSWORD: 'short' },
      /SEATWISE_ADMIN_PASSWORD: must be at least 12 characters/,
    ],
    [{ SEATWISE_ADMIN_EMAIL: 'a@example.com' }, /must be set together/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL: must start with file:/],
    [
      { SEATWISE_SECRET_KEY: 'my secret passphrase' },
      /SEATWISE_SECRET_KEY: must be 32 random bytes as 64 hex digits or as base64/,
    ],
    [{ SEATWISE_SECRET_KEY: 'ab'.repeat(16) }, /SEATWISE_SECRET_KEY: must be 32 random bytes/],
    [{ DATABASE_URL: 'libsql://db.example.com' }, /SEATWISE_SECRET_KEY: is required with a remote database/],
  ])('stops with a clear message for %o', (env, message) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(message);
  });

  it('reads SEATWISE_SECRET_KEY as 32 bytes and never repeats a bad one', () => {
    expect(
      parseEnv({ SEATWISE_SECRET_KEY: 'ab'.repeat(32), DATABASE_URL: 'libsql://db.example.com' }).SEATWISE_SECRET_KEY,
    ).toEqual(Buffer.alloc(32, 0xab));
    expect(() => parseEnv({ SEATWISE_SECRET_KEY: 'my secret passphrase' })).not.toThrow(/passphrase/);
  });
});
