// Maps a hostname to a catalog app: the longest matching domain suffix wins.
import type { CatalogApp } from '../../server/contract';

export type AppMatcher = (host: string | null) => string | null;

export function catalogMatcher(apps: readonly CatalogApp[]): AppMatcher {
  const appByDomain = new Map<string, string>();
  for (const app of apps) {
    for (const domain of app.domains) {
      const clean = domain
        .trim()
        .toLowerCase()
        .replace(/^\*?\./, '')
        .replace(/\.$/, '');
      if (clean) appByDomain.set(clean, app.id);
    }
  }
  return (host) => {
    if (!host) return null;
    // Walk from the full host to shorter suffixes: the first hit is the longest, and
    // whole labels only, so notslack.com never matches slack.com.
    let candidate = host.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const appId = appByDomain.get(candidate);
      if (appId) return appId;
      const dot = candidate.indexOf('.');
      if (dot < 0) return null;
      candidate = candidate.slice(dot + 1);
    }
  };
}

/** Only the hostname of web pages is kept; every other part of a URL is dropped here. */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}
