// This installation's stable id: made once, kept in settings, the same for every instance and host name.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { settings } from '../db/schema.ts';

const KEY = 'installation_id';

/** A random UUID stored on first use; `insert ... do nothing` lets two instances race without making two. */
export async function installationId(db: Db): Promise<string> {
  await db.insert(settings).values({ key: KEY, value: randomUUID() }).onConflictDoNothing({ target: settings.key });
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return z.string().parse(row?.value);
}
