// The secret keep-or-release links are signed with: made once per installation, shared by every instance.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';

/** Stored sealed with the installation's secret key: a copy of the database alone cannot forge links. */
export async function linkSecret(db: Db): Promise<string> {
  const fresh = db.$secrets.seal('reclaim.link_key', randomBytes(32).toString('base64url'));
  await db.$client.execute({
    sql: `insert into settings (key, value) values ('link_secret', ?) on conflict (key) do nothing`,
    args: [JSON.stringify(fresh)],
  });
  const result = await db.$client.execute(`select value from settings where key = 'link_secret'`);
  return db.$secrets.open('reclaim.link_key', JSON.parse(String(result.rows[0]!.value)) as string);
}
