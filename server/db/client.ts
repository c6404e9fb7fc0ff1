// Opens the libSQL database (embedded file or remote server), keeps its files private, tunes file databases, applies
// migrations and unlocks the secrets stored in it with the key kept outside it.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { forgetSealedSecrets } from '../secrets/forget-secrets.ts';
import { SecretKeyFileError } from '../secrets/secret-key.ts';
import { SecretsStartError, type UnlockedSecrets, unlockSecrets } from '../secrets/secrets-at-rest.ts';
import { explainDatabaseError, quickCheck, writeProbe } from './health.ts';
import * as coreSchema from './schema.ts';
import * as connectorSchema from './schema-connectors.ts';

const schema = { ...coreSchema, ...connectorSchema };

/**
 * `$secrets` seals and opens the secrets stored in this database, with its key (kept outside the database); `$file`
 * is the database file's absolute path, null for a remote database.
 */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client; $secrets: UnlockedSecrets; $file: string | null };

/**
 * `secretKey`: SEATWISE_SECRET_KEY; without it a file database uses (or creates) the key file beside it.
 * `forgetSecrets`: the key is lost; drop the secrets sealed with it first (the forget-secrets command).
 */
export type OpenDatabaseOptions = {
  url: string;
  authToken?: string | undefined;
  secretKey?: Buffer | undefined;
  forgetSecrets?: boolean;
};

export const BUSY_TIMEOUT_MS = 5_000;
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
    throw new DatabaseStartError(`cannot use the database ${path ?? 'server'}: ${explainDatabaseError(error)}`, {
      cause: error,
    });
  }
}

/** The database file, its WAL and shared-memory files: readable by the owner only. */
function keepPrivate(path: string): void {
  // libSQL does not create the database's directory.
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  // SQLite gives the -wal and -shm files the mode of the database file, so creating that one 0600 covers all three.
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Files made before (0644): take away group and other access, and nothing more (a read-only file stays read-only).
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) chmodSync(file, mode & 0o700);
    } catch {
      // Missing, or not ours to change (an immutable file): the open below says what is wrong, if anything.
    }
  }
}

/**
 * drizzle's migrator reads which migrations are applied before it applies the rest in one transaction, so an instance
 * starting at the same moment as another can find them applied by the time its transaction runs ("table ... already
 * exists"). That transaction rolled back whole: reading again finds nothing left to apply.
 */
async function migrateOnce(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (error) {
      if (attempt >= 3 || !/already exists/.test(String((error as Error).message))) throw error;
    }
  }
}

async function openAndMigrate(
  { url, authToken, secretKey, forgetSecrets }: OpenDatabaseOptions,
  path: string | null,
): Promise<Db> {
  if (!path && !secretKey)
    throw new DatabaseStartError('a remote database needs SEATWISE_SECRET_KEY, the same on every instance');
  if (path) keepPrivate(path);
  // The client keeps a pool of connections and opens more while a transaction holds one; per-connection
  // PRAGMAs would reach only the first, so the busy timeout goes in the options every connection is opened with.
  const client = createClient({ url, authToken, ...(path ? { timeout: BUSY_TIMEOUT_MS } : {}) });
  if (path) {
    await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA synchronous=NORMAL');
    const damage = await quickCheck(client);
    if (damage) {
      client.close();
      throw new DatabaseStartError(
        `the database file ${path} is damaged (quick_check: ${damage}); restore it from a backup`,
      );
    }
  }
  await client.execute('PRAGMA foreign_keys=ON');
  const db = drizzle(client, { schema }) as Omit<Db, '$secrets' | '$file'> as Db;
  db.$file = path ? resolve(path) : null;
  await migrateOnce(db);
  // Migrations may have had nothing to write: make sure a write works before anything relies on one.
  const write = await writeProbe((statement) => client.execute(statement), 0)();
  if (!write.ok) {
    client.close();
    throw new DatabaseStartError(`the database ${path ?? 'server'} ${write.problem}`);
  }
  if (forgetSecrets) await forgetSealedSecrets(client);
  try {
    db.$secrets = await unlockSecrets(client, { secretKey, databasePath: path ? resolve(path) : null });
  } catch (error) {
    if (!(error instanceof SecretsStartError || error instanceof SecretKeyFileError)) throw error;
    client.close();
    throw new DatabaseStartError(error.message);
  }
  return db;
}
