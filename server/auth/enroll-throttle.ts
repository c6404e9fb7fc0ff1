// Enrollment rate limits: fixed one-minute windows per client address and per enrollment token.
//
// Sized for a real rollout: 1,000 laptops that get the policy on a Monday morning behind one NAT address enroll in
// about five windows even if every one starts at the same second (the extension retries with backoff), while one
// person with the token cannot mint thousands of invented people a minute. The domain and directory rules are the
// real defence; these only bound the damage and the table growth.

export type WindowRule = { limit: number; windowMs: number };
export type WindowCount = { count: number; windowStart: number };

const MINUTE = 60_000;

export const ENROLL_PER_ADDRESS: WindowRule = { limit: 200, windowMs: MINUTE };
export const ENROLL_PER_TOKEN: WindowRule = { limit: 1_000, windowMs: MINUTE };

/** Whole seconds until the window that `count` belongs to ends, when it is over its limit; else null. */
export function windowRetryAfterSeconds(rule: WindowRule, count: WindowCount, now: number): number | null {
  if (count.count <= rule.limit) return null;
  const wait = count.windowStart + rule.windowMs - now;
  return wait > 0 ? Math.ceil(wait / 1000) : null;
}
