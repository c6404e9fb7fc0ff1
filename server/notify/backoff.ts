// When to try a failed delivery again: exponential backoff from 30 s, capped at an hour, with ±20% jitter.
import { type Backoff, backoffDelayMs } from '../domain/backoff.ts';

export const MAX_ATTEMPTS = 8;
const DELIVERY_BACKOFF: Backoff = { baseMs: 30_000, capMs: 60 * 60_000, jitter: { low: 0.8, span: 0.4 } };

/** The wait after the `attempt`-th failed try (1-based); `random` in [0, 1) spreads retries of many deliveries. */
export function retryDelayMs(attempt: number, random: number): number {
  return backoffDelayMs(DELIVERY_BACKOFF, attempt, random);
}
