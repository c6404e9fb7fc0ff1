// A consistent copy of the embedded database while it is in use (VACUUM INTO), and the check of a copy.
import { createClient } from '@libsql/client';
import type { Db } from './client.ts';

/** Writes the database into `path`, which must exist and be empty (made 0600 by the caller, so the copy is private). */
export async function copyDatabaseInto(db: Db, path: string): Promise<void> {
  await db.$client.execute({ sql: 'VACUUM INTO ?', args: [path] });
}

/** Opens the copy on its own: its integrity verdict ("ok" when sound) and how many migrations it carries. */
export async function checkDatabaseCopy(path: string): Promise<{ verdict: string; migrations: number }> {
  const copy = createClient({ url: `file:${path}` });
  try {
    const check = await copy.execute('PRAGMA integrity_check');
    const verdict = String(check.rows[0]?.[0] ?? '');
    if (verdict !== 'ok') return { verdict, migrations: 0 };
    const migrations = await copy.execute('select count(*) as n from __drizzle_migrations');
    return { verdict, migrations: Number(migrations.rows[0]!.n) };
  } finally {
    copy.close();
  }
}
