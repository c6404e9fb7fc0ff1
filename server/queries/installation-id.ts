// This installation's stable id: made once, kept in settings, the same for every instance and host name.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';

/** A random UUID stored on first use; `insert ... do nothing` lets two instances race without making two. */
export async function installationId(db: Db): Promise<string> {
  await db.$client.execute({
    sql: `insert into settings (key, value) values ('installation_id', ?) on conflict (key) do nothing`,
    args: [JSON.stringify(randomUUID())],
  });
  const result = await db.$client.execute(`select value from settings where key = 'installation_id'`);
  return JSON.parse(String(result.rows[0]!.value)) as string;
}
