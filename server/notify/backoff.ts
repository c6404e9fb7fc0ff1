// When to try a failed delivery again: exponential backoff from 30 s, capped at an hour, with ±20% jitter.
export const MAX_ATTEMPTS = 8;
const BASE_MS = 30_000;
const CAP_MS = 60 * 60_000;

/** The wait after the `attempt`-th failed try (1-based); `random` in [0, 1) spreads retries of many deliveries. */
export function retryDelayMs(attempt: number, random: number): number {
  const plain = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random));
}
