// Where the SSO callback may send a device's one-time code: only to a browser extension's own redirect address,
// which the browser intercepts (identity.launchWebAuthFlow), never to a web site that could keep the code.

/** Chrome and Edge: https://<extension id: 32 letters a-p>.chromiumapp.org/ (identity.getRedirectURL()). */
const CHROMIUM_HOST = /^[a-p]{32}\.chromiumapp\.org$/;
/** Firefox: https://<40 hex digits, a hash of the add-on id>.extensions.allizom.org/. */
const FIREFOX_HOST = /^[0-9a-f]{40}\.extensions\.allizom\.org$/;
/** getRedirectURL(path) appends a plain path; nothing else (query, fragment, dot segments) is accepted. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_-]+\/?)*$/;

/** The redirect as the normalised URL to send the code to, or null when it is not an extension's redirect address. */
export function extensionRedirect(input: string): string | null {
  if (input.length > 300 || !input.startsWith('https://')) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.username || url.password || url.port || url.search || url.hash || input.includes('#')) return null;
  if (!CHROMIUM_HOST.test(url.hostname) && !FIREFOX_HOST.test(url.hostname)) return null;
  // The URL parser lower-cases the host; the input must already have been exactly what it parsed to.
  if (url.href !== input && `${url.href}` !== `${input}/`) return null;
  if (!PLAIN_PATH.test(url.pathname)) return null;
  return url.href;
}

/** The address the extension receives: its redirect with the one-time code as the `code` parameter. */
export function redirectWithCode(redirect: string, code: string): string {
  const url = new URL(redirect);
  url.searchParams.set('code', code);
  return url.href;
}
