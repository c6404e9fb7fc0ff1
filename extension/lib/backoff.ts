// Retry delays after failed uploads: exponential with jitter, so a fleet does not hammer a recovering server in step.
import { type Backoff, backoffDelayMs } from '../../server/domain/backoff';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** Jitter over the upper half of the plain delay: never sooner than half of it, so a failing server gets its rest. */
const UPLOAD_BACKOFF: Backoff = { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_MAX_MS, jitter: { low: 0.5, span: 0.5 } };

/** Delay before attempt number `failures + 1`; `random` in [0, 1) spreads it over the upper half. */
export function backoffDelay(failures: number, random: number): number {
  return backoffDelayMs(UPLOAD_BACKOFF, failures, random);
}
