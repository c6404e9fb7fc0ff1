// Sign-in throttling (DESIGN section 3): wrong passwords are counted per account and address, and per address;
// a successful sign-in is never counted, and guesses from one address never lock the owner out at another.

export type FailureCount = { failures: number; lastFailureAt: number };

const MINUTE = 60_000;

/** Failures of one account from one address: after 5 the next try waits 1 minute, doubling each time up to an hour. */
export const ACCOUNT_AT_ADDRESS = {
  freeFailures: 5,
  firstDelayMs: MINUTE,
  maxDelayMs: 60 * MINUTE,
  forgetAfterMs: 24 * 60 * MINUTE,
};
/** Failures from one address over all accounts (spraying one password over many emails): 20, then 15 minutes. */
export const ADDRESS = {
  freeFailures: 20,
  firstDelayMs: 15 * MINUTE,
  maxDelayMs: 60 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};

export type ThrottleRule = typeof ACCOUNT_AT_ADDRESS;

/** How long after the last failure the next attempt must wait; 0 while failures are below the free count. */
export function delayAfter(rule: ThrottleRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (failures - rule.freeFailures));
}

/** The failure count after one more failure at `at`: a quiet spell longer than `forgetAfterMs` starts again at 1. */
export function countFailure(rule: ThrottleRule, before: FailureCount | null, at: number): FailureCount {
  if (!before || at - before.lastFailureAt > rule.forgetAfterMs) return { failures: 1, lastFailureAt: at };
  return { failures: before.failures + 1, lastFailureAt: at };
}

/** Whole seconds until an attempt is allowed again, or null when it is allowed now. */
export function retryAfterSeconds(rule: ThrottleRule, count: FailureCount | null, now: number): number | null {
  if (!count || now - count.lastFailureAt > rule.forgetAfterMs) return null;
  const wait = count.lastFailureAt + delayAfter(rule, count.failures) - now;
  return wait > 0 ? Math.ceil(wait / 1000) : null;
}

/**
 * The address a limit counts: IPv4 as it is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 network, since one
 * machine usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressKey(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
