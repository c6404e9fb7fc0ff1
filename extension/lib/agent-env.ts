// What the extension's modules receive instead of reaching for globals, so tests can pass fakes and a clock.
import type { browser } from 'wxt/browser';
import type { Browser as BrowserName } from '../../server/contract';
import type { Calendar } from './calendar';

export type BrowserApi = typeof browser;

export type AgentEnv = {
  browser: BrowserApi;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  calendar: Calendar;
  browserName: BrowserName;
  extensionVersion: string;
};

/** Edge reports itself as Chrome to the extension APIs; only the user agent tells them apart. */
export function browserNameOf(target: string, userAgent: string): BrowserName {
  if (target === 'firefox') return 'firefox';
  if (/\bEdg\//.test(userAgent)) return 'edge';
  if (target === 'chrome') return 'chrome';
  return 'other';
}
