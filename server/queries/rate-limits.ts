// Fixed-window rate limits kept in the database, so all instances count together.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rateLimits } from '../db/schema.ts';

/** Counts one hit for `key`; returns the number of hits in the current window, this one included. */
export async function hitRateLimit(db: Db, key: string, windowMs: number, now: Date): Promise<number> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}
