// backup: a consistent copy of the embedded database (VACUUM INTO, safe while the server runs), then checked.
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkDatabaseCopy, copyDatabaseInto } from '../../db/backup.ts';
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
      await copyDatabaseInto(db, path);
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    const { verdict, migrations } = await checkDatabaseCopy(path);
    if (verdict !== 'ok') throw new Error(`the copy failed its integrity check: ${verdict}`);
    out(
      `Backed up to ${path} (${(statSync(path).size / 1024 / 1024).toFixed(1)} MB, ` +
        `${migrations} migrations, integrity ok).`,
    );
    note(
      `Its secrets are encrypted with ${db.$secrets.keySource}, which is not in the copy: ` +
        'keep that key with your backups (restored, it goes beside the database as <database file>.key).',
    );
  },
};
