// backup: a consistent copy of the embedded database (VACUUM INTO, safe while the server runs), then checked.
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { filePathOf } from '../../db/client.ts';
import { readFlags, UsageError } from '../args.ts';
import type { Command } from '../context.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the database to a file while Seatwise runs, and check the copy',
  usage: 'backup <file> [--force]',
  checkDatabaseUrl(url) {
    if (!filePathOf(url))
      throw new UsageError(
        'backup copies the embedded file database; ' +
          'for a libSQL server or Turso, use its own backups or point-in-time restore',
      );
  },
  async run({ db, databaseUrl, out, note }, argv) {
    const { values, positionals } = readFlags(argv, { force: { type: 'boolean' } }, 1);
    const target = positionals[0];
    if (!target) throw new UsageError('name the file to write, e.g. backup seatwise-2026-11-23.db');
    const source = filePathOf(databaseUrl)!;
    const path = resolve(target);
    if (path === resolve(source)) throw new UsageError('the backup file cannot be the database itself');
    if (existsSync(path)) {
      if (!values.force) throw new UsageError(`${target} already exists; pass --force to replace it`);
      if (!statSync(path).isFile()) throw new UsageError(`${target} is not a file`);
      rmSync(path);
    }
    note(`Backing up ${source} to ${path} …`);
    // VACUUM INTO writes into an empty file as it finds it: made 0600 first, the copy is the owner's alone.
    closeSync(openSync(path, 'wx', 0o600));
    try {
      await db.$client.execute({ sql: 'VACUUM INTO ?', args: [path] });
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    const copy = createClient({ url: `file:${path}` });
    try {
      const check = await copy.execute('PRAGMA integrity_check');
      const verdict = String(check.rows[0]?.[0] ?? '');
      if (verdict !== 'ok') throw new Error(`the copy failed its integrity check: ${verdict}`);
      const migrations = await copy.execute('select count(*) as n from __drizzle_migrations');
      out(
        `Backed up to ${path} (${(statSync(path).size / 1024 / 1024).toFixed(1)} MB, ` +
          `${Number(migrations.rows[0]!.n)} migrations, integrity ok).`,
      );
      note(
        `Its secrets are encrypted with ${db.$secrets.keySource}, which is not in the copy: ` +
          'keep that key with your backups (restored, it goes beside the database as <database file>.key).',
      );
    } finally {
      copy.close();
    }
  },
};
