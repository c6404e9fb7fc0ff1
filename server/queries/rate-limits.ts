// Failure counters for throttling, in the database so every instance counts together; old ones are pruned.
import { eq, lt, sql } from 'drizzle-orm';
import type { WindowCount, WindowRule } from '../auth/enroll-throttle.ts';
import { countFailure, type FailureCount, type ThrottleRule } from '../auth/login-throttle.ts';
import type { Db } from '../db/client.ts';
import { rateLimits } from '../db/schema.ts';

/** `window_start` holds the time of the last failure, `count` the failures since the last quiet spell. */
export async function getFailureCount(db: Db, key: string): Promise<FailureCount | null> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  return row ? { failures: row.count, lastFailureAt: row.windowStart } : null;
}

export async function recordFailure(db: Db, key: string, rule: ThrottleRule, at: number): Promise<FailureCount> {
  // The read and write race only between two failures of the same key in the same millisecond: one is then lost,
  // which errs towards the person, never against them.
  const next = countFailure(rule, await getFailureCount(db, key), at);
  await db
    .insert(rateLimits)
    .values({ key, windowStart: next.lastFailureAt, count: next.failures })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { windowStart: sql`excluded.window_start`, count: sql`excluded.count` },
    });
  return next;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops counters whose last failure is older than any rule remembers. */
export async function pruneFailures(db: Db, olderThan: number): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}

/**
 * Counts one attempt in the key's fixed window and gives the count so far, in one statement, so parallel requests
 * never lose a count (the read-then-write above would). A window older than the rule starts again at 1.
 */
export async function countInWindow(db: Db, key: string, rule: WindowRule, at: number): Promise<WindowCount> {
  const windowOver = sql`${rateLimits.windowStart} <= ${at - rule.windowMs}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: at, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${windowOver} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${windowOver} then excluded.window_start else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return row!;
}
