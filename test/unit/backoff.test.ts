// The one exponential backoff (server/domain/backoff.ts) and the two retry policies built on it.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../extension/lib/backoff';
import { type Backoff, backoffDelayMs } from '../../server/domain/backoff.ts';
import { retryDelayMs } from '../../server/notify/backoff.ts';

const HOUR = 60 * 60_000;
const PLUS_MINUS_20: Backoff = { baseMs: 30_000, capMs: HOUR, jitter: { low: 0.8, span: 0.4 } };
const UPPER_HALF: Backoff = { baseMs: 30_000, capMs: HOUR, jitter: { low: 0.5, span: 0.5 } };
const NO_JITTER: Backoff = { baseMs: 30_000, capMs: HOUR, jitter: { low: 1, span: 0 } };
const FULL_JITTER: Backoff = { baseMs: 30_000, capMs: HOUR, jitter: { low: 0, span: 1 } };
const SMALL: Backoff = { baseMs: 1_000, capMs: 5_000, jitter: { low: 1, span: 0 } };

describe('backoffDelayMs', () => {
  it.each<[string, Backoff, number, number, number]>([
    ['the first failure waits the base', NO_JITTER, 1, 0.5, 30_000],
    ['no failure yet counts as the first', NO_JITTER, 0, 0.5, 30_000],
    ['each further failure doubles', NO_JITTER, 2, 0.5, 60_000],
    ['five failures: base times 16', NO_JITTER, 5, 0.5, 480_000],
    ['the cap holds where doubling passes it', NO_JITTER, 8, 0.5, HOUR],
    ['the cap holds for ever after', NO_JITTER, 40, 0.99, HOUR],
    ['a small policy doubles to its own cap', SMALL, 3, 0, 4_000],
    ['a small policy stops at its cap', SMALL, 4, 0, 5_000],
    ['±20% at random 0 is 80%', PLUS_MINUS_20, 1, 0, 24_000],
    ['±20% at random 0.5 is the plain delay', PLUS_MINUS_20, 1, 0.5, 30_000],
    ['±20% just under random 1 is 120%', PLUS_MINUS_20, 1, 0.999_999, 36_000],
    ['±20% of the cap', PLUS_MINUS_20, 30, 0, 0.8 * HOUR],
    ['the upper half at random 0 is half', UPPER_HALF, 1, 0, 15_000],
    ['the upper half just under random 1 is whole', UPPER_HALF, 1, 0.999_999, 30_000],
    ['the upper half of the third delay', UPPER_HALF, 3, 0.5, 90_000],
    ['full jitter may wait nothing', FULL_JITTER, 3, 0, 0],
    ['full jitter at random 0.5 is half', FULL_JITTER, 2, 0.5, 30_000],
    ['rounds to whole milliseconds', PLUS_MINUS_20, 1, 1 / 7, 25_714],
  ])('%s', (_name, policy, failures, random, expected) => {
    expect(backoffDelayMs(policy, failures, random)).toBe(expected);
  });
});

describe('the two retry policies', () => {
  it.each<[number, number, number]>([
    [1, 0, 24_000],
    [1, 0.5, 30_000],
    [2, 0.25, 54_000],
    [7, 0.5, 1_920_000],
    [8, 0, 0.8 * HOUR],
  ])('a delivery after failed try %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, random)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [1, 0.5, 22_500],
    [2, 0, 30_000],
    [7, 0.5, 1_440_000],
    [8, 0, 0.5 * HOUR],
  ])('an upload after %i failures with random %d waits %i ms', (failures, random, expected) => {
    expect(backoffDelay(failures, random)).toBe(expected);
  });
});
