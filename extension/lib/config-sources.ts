// Reads the three configuration sources from the browser; the slow managed storage is read once per worker start.
import type { AgentEnv, BrowserApi } from './agent-env';
import { type ResolvedConfig, resolveConfig } from './config-resolution';
import { optionsConfig } from './storage-items';

export type ConfigReader = { load(): Promise<ResolvedConfig>; forgetPolicy(): void };

export function configReader(env: Pick<AgentEnv, 'browser'>): ConfigReader {
  // Chrome answers the first managed read only after ~2 s, so it is not repeated per event.
  let policy: Promise<Record<string, unknown>> | null = null;
  return {
    async load() {
      policy ??= readPolicy(env.browser);
      const [policyValues, options, profileEmail] = await Promise.all([
        policy,
        optionsConfig.getValue(),
        readProfileEmail(env.browser),
      ]);
      return resolveConfig({ policy: policyValues, options: options ?? {}, profileEmail });
    },
    forgetPolicy() {
      policy = null;
    },
  };
}

async function readPolicy(browser: BrowserApi): Promise<Record<string, unknown>> {
  try {
    const values = await browser.storage.managed.get();
    return values && typeof values === 'object' ? (values as Record<string, unknown>) : {};
  } catch {
    // Firefox rejects when no policy is installed (the polyfill passes that through); no policy is the normal case.
    return {};
  }
}

/** Chrome only: Firefox has no identity.getProfileUserInfo, and webextension-polyfill adds no API, so detect it. */
async function readProfileEmail(browser: BrowserApi): Promise<string | null> {
  const identity = (browser as Partial<BrowserApi>).identity;
  if (typeof identity?.getProfileUserInfo !== 'function') return null;
  try {
    const info = await identity.getProfileUserInfo({ accountStatus: 'ANY' });
    return info?.email || null;
  } catch {
    return null;
  }
}
