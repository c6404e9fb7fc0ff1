// Opens the libSQL database (embedded file or remote server), tunes file databases and applies migrations.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { explainDatabaseError, quickCheck, writeProbe } from './health.ts';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export type OpenDatabaseOptions = { url: string; authToken?: string | undefined };

const BUSY_TIMEOUT_MS = 5_000;
const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The file path of a `file:` URL, or null for a remote database. */
export function filePathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  return path === '' || path === ':memory:' ? null : path;
}

/** Why the database cannot be used at start, in one line (never the SQL of the migration that failed). */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const path = filePathOf(options.url);
  try {
    return await openAndMigrate(options, path);
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`cannot use the database ${path ?? 'server'}: ${explainDatabaseError(error)}`, { cause: error });
  }
}

async function openAndMigrate({ url, authToken }: OpenDatabaseOptions, path: string | null): Promise<Db> {
  // libSQL does not create the database's directory.
  if (path) mkdirSync(dirname(resolve(path)), { recursive: true });
  // The client keeps a pool of connections and opens more while a transaction holds one; per-connection
  // PRAGMAs would reach only the first, so the busy timeout goes in the options every connection is opened with.
  const client = createClient({ url, authToken, ...(path ? { timeout: BUSY_TIMEOUT_MS } : {}) });
  if (path) {
    await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA synchronous=NORMAL');
    const damage = await quickCheck(client);
    if (damage) {
      client.close();
      throw new DatabaseStartError(`the database file ${path} is damaged (quick_check: ${damage}); restore it from a backup`);
    }
  }
  await client.execute('PRAGMA foreign_keys=ON');
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Migrations may have had nothing to write: make sure a write works before anything relies on one.
  const write = await writeProbe(client, 0)();
  if (!write.ok) {
    client.close();
    throw new DatabaseStartError(`the database ${path ?? 'server'} ${write.problem}`);
  }
  return db;
}
