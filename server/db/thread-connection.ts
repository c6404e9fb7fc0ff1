// A worker thread's own connection to the server's database file: opened as the server's (busy timeout, foreign
// keys), but without the start-up work (migrations, checks, secrets) the main thread already did. Nothing on a
// worker thread seals or opens a secret, so its secret box refuses.
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { BUSY_TIMEOUT_MS, type Db } from './client.ts';
import * as coreSchema from './schema.ts';
import * as connectorSchema from './schema-connectors.ts';

const noSecrets = () => {
  throw new Error('secrets are not available on a worker thread');
};

export async function openThreadConnection(path: string): Promise<Db> {
  const client = createClient({ url: `file:${path}`, timeout: BUSY_TIMEOUT_MS });
  await client.execute('PRAGMA foreign_keys=ON');
  const db = drizzle(client, { schema: { ...coreSchema, ...connectorSchema } }) as Omit<Db, '$secrets' | '$file'> as Db;
  db.$file = resolve(path);
  db.$secrets = {
    seal: noSecrets,
    open: noSecrets,
    derive: noSecrets,
    keySource: 'none (worker thread)',
    keyCreated: false,
  };
  return db;
}
