// Retry delays after failed uploads: exponential with jitter, so a fleet does not hammer a recovering server in step.

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** Delay before attempt number `failures + 1`; `random` in [0, 1) spreads it over the upper half. */
export function backoffDelay(failures: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}
