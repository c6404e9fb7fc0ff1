// The secret keep-or-release links are signed with: made once per installation, shared by every instance.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { settings } from '../db/schema.ts';

const KEY = 'link_secret';

/** Stored sealed with the installation's secret key: a copy of the database alone cannot forge links. */
export async function linkSecret(db: Db): Promise<string> {
  // The first instance to ask makes it; any other keeps the one already stored.
  const fresh = db.$secrets.seal('reclaim.link_key', randomBytes(32).toString('base64url'));
  await db.insert(settings).values({ key: KEY, value: fresh }).onConflictDoNothing({ target: settings.key });
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return db.$secrets.open('reclaim.link_key', row!.value as string);
}
