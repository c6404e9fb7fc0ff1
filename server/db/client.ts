// Opens the libSQL database (embedded file or remote server), tunes file databases and applies migrations.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
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

export async function openDatabase({ url, authToken }: OpenDatabaseOptions): Promise<Db> {
  const path = filePathOf(url);
  // libSQL does not create the database's directory.
  if (path) mkdirSync(dirname(resolve(path)), { recursive: true });
  // The client keeps a pool of connections and opens more while a transaction holds one; per-connection
  // PRAGMAs would reach only the first, so the busy timeout goes in the options every connection is opened with.
  const client = createClient({ url, authToken, ...(path ? { timeout: BUSY_TIMEOUT_MS } : {}) });
  if (path) {
    await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA synchronous=NORMAL');
  }
  await client.execute('PRAGMA foreign_keys=ON');
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}
