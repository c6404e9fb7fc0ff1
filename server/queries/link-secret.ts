// The secret keep-or-release links are signed with: made once per installation, shared by every instance.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';

export async function linkSecret(db: Db): Promise<string> {
  await db.$client.execute({ sql: `insert into settings (key, value) values ('link_secret', ?) on conflict (key) do nothing`, args: [JSON.stringify(randomBytes(32).toString('base64url'))] });
  const result = await db.$client.execute(`select value from settings where key = 'link_secret'`);
  return JSON.parse(String(result.rows[0]!.value)) as string;
}
