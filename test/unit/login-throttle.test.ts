import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_AT_ADDRESS,
  ADDRESS,
  addressKey,
  countFailure,
  delayAfter,
  retryAfterSeconds,
} from '../../server/auth/login-throttle.ts';

const MINUTE = 60_000;

describe('the wait after wrong passwords', () => {
  it.each([
    [ACCOUNT_AT_ADDRESS, 4, 0],
    [ACCOUNT_AT_ADDRESS, 5, MINUTE],
    [ACCOUNT_AT_ADDRESS, 6, 2 * MINUTE],
    [ACCOUNT_AT_ADDRESS, 8, 8 * MINUTE],
    [ACCOUNT_AT_ADDRESS, 30, 60 * MINUTE],
    [ADDRESS, 19, 0],
    [ADDRESS, 20, 15 * MINUTE],
    [ADDRESS, 21, 30 * MINUTE],
    [ADDRESS, 25, 60 * MINUTE],
  ])('rule %#: %i failures wait %i ms', (rule, failures, delay) => {
    expect(delayAfter(rule, failures)).toBe(delay);
  });
});

describe('counting failures', () => {
  it.each([
    ['the first', null, 1000, { failures: 1, lastFailureAt: 1000 }],
    ['one more soon after', { failures: 3, lastFailureAt: 1000 }, 5000, { failures: 4, lastFailureAt: 5000 }],
    [
      'one after a quiet day',
      { failures: 9, lastFailureAt: 0 },
      24 * 60 * MINUTE + 1,
      { failures: 1, lastFailureAt: 24 * 60 * MINUTE + 1 },
    ],
  ])('%s', (_name, before, at, after) => {
    expect(countFailure(ACCOUNT_AT_ADDRESS, before, at)).toEqual(after);
  });
});

describe('Retry-After', () => {
  it.each([
    ['no failures', null, 0, null],
    ['below the free count', { failures: 4, lastFailureAt: 0 }, 1, null],
    ['just throttled', { failures: 5, lastFailureAt: 0 }, 1, 60],
    ['half way through the wait', { failures: 5, lastFailureAt: 0 }, 30_500, 30],
    ['the wait is over', { failures: 5, lastFailureAt: 0 }, MINUTE, null],
    ['a longer wait after more failures', { failures: 7, lastFailureAt: 0 }, 0, 240],
  ])('%s', (_name, count, now, seconds) => {
    expect(retryAfterSeconds(ACCOUNT_AT_ADDRESS, count, now)).toBe(seconds);
  });
});

describe('the address a limit counts', () => {
  it.each([
    ['127.0.0.2', '127.0.0.2'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::99', '2001:db8:1:2::/64'],
    ['2001:0db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
