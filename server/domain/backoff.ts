// Exponential backoff with jitter, pure: the wait after a run of failures, so many clients do not retry in step.

/** The share of the plain delay a wait takes: `low` at random 0, up to `low + span` as random nears 1. */
export type Jitter = { low: number; span: number };

export type Backoff = { baseMs: number; capMs: number; jitter: Jitter };

/**
 * The wait after the `failures`-th failure in a row (1-based; 0 counts as 1): `baseMs` doubled for each further
 * failure, at most `capMs`, scaled by the jitter at `random` in [0, 1) and rounded to whole milliseconds.
 */
export function backoffDelayMs({ baseMs, capMs, jitter }: Backoff, failures: number, random: number): number {
  const plain = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (jitter.low + jitter.span * random));
}
