// Marks every process an e2e test starts (servers, Chromium, Xvfb) with this run's id in its environment, so the
// run's last step can find any that a test left behind.
import { inject } from 'vitest';

export const RUN_VARIABLE = 'SEATWISE_E2E_RUN';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eRun: string;
  }
}

/** The environment for a child process: the test's own plus this run's mark. */
export function markedEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...extra })) if (value !== undefined) env[key] = value;
  env[RUN_VARIABLE] = inject('e2eRun');
  return env;
}
