// The real server started on a database it cannot use says why in one line and exits, instead of a page of SQL:
// a read-only file (made immutable, as root may write anything else), a damaged file, a file that is no database,
// and a database whose encrypted secrets the key given cannot open, or whose key file is missing.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeatwise } from './support/seatwise-process.ts';

let dir = '';
let pristine = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-faults-'));
  pristine = join(dir, 'pristine.db');
  // A real, migrated database, with everything checkpointed into the main file so that a copy is whole.
  const first = await startSeatwise({}, { dbPath: pristine, port: 0 });
  await first.stop({ keepData: true });
  const client = createClient({ url: `file:${pristine}` });
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  client.close();
  expect(statSync(pristine).size).toBeGreaterThan(64 * 1024);
});
afterAll(() => {
  try {
    execFileSync('chattr', ['-i', join(dir, 'readonly.db')], { stdio: 'ignore' });
  } catch {
    // It was never made immutable.
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the server on a copy of the pristine database spoiled by `spoil`; resolves with its whole output. */
async function startOn(name: string, spoil: (path: string) => void, env: Record<string, string> = {}): Promise<string> {
  const path = join(dir, name);
  copyFileSync(pristine, path);
  spoil(path);
  const error = await startSeatwise(env, { dbPath: path, port: 0 }).then(
    async (server) => {
      await server.stop({ keepData: true });
      return null;
    },
    (e: Error) => e,
  );
  expect(error, 'the server started on a database it cannot use').not.toBeNull();
  return error!.message.replace(/^server exited with 1:\n/, '').trim();
}

function overwrite(path: string, at: number, bytes: Buffer) {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

describe('a database the server cannot use', () => {
  it.each([
    [
      'read-only',
      'readonly.db',
      (path: string) => execFileSync('chattr', ['+i', path]),
      /cannot start: .*readonly\.db.*the database is read-only.*SQLITE_READONLY/,
    ],
    [
      'damaged',
      'damaged.db',
      (path: string) => overwrite(path, 4096, Buffer.alloc(statSync(path).size - 4096, 0xa5)),
      /cannot start: .*damaged\.db.*damaged.*restore it from a backup/,
    ],
    [
      'not a database',
      'garbage.db',
      (path: string) => overwrite(path, 0, Buffer.from('this is not a database at all!!')),
      /cannot start: .*garbage\.db: the file is not a Seatwise database.*SQLITE_NOTADB/,
    ],
  ])('%s: one clear line, no SQL', async (_name, file, spoil, expected) => {
    const output = await startOn(file, spoil);
    expect(output).toMatch(expected);
    expect(output.split('\n'), output).toHaveLength(1);
    expect(output).not.toMatch(/insert into|create table|select /i);
  });
});

describe('a database whose secrets the server cannot open', () => {
  const wrongKey = randomBytes(32).toString('hex');
  it.each([
    [
      'another key',
      'otherkey.db',
      (path: string) => copyFileSync(`${pristine}.key`, `${path}.key`),
      { SEATWISE_SECRET_KEY: wrongKey },
      new RegExp(
        /cannot start: the secrets in this database were encrypted with another key than SEATWISE_SECRET_KEY: /.source +
          /set SEATWISE_SECRET_KEY to the key they were encrypted with, or restore the database's key file/.source,
      ),
    ],
    [
      'no key file',
      'nokey.db',
      () => undefined,
      {},
      new RegExp(
        /cannot start: the database holds encrypted secrets but their key file .*nokey\.db\.key is missing: /.source +
          /restore it from the backup/.source,
      ),
    ],
  ])('%s: one clear line naming what to restore, never the key', async (_name, file, spoil, env, expected) => {
    const output = await startOn(file, spoil, env);
    expect(output).toMatch(expected);
    expect(output.split('\n'), output).toHaveLength(1);
    expect(output).not.toContain(wrongKey);
    expect(existsSync(join(dir, 'nokey.db.key'))).toBe(false);
  });
});
