// The name on the "Sign in with …" button when SEATWISE_OIDC_NAME is not set: the provider's own name for the
// well-known ones, else the issuer's host name.
const KNOWN: { host: RegExp; name: string }[] = [
  { host: /(^|\.)okta(preview)?\.com$/, name: 'Okta' },
  { host: /^login\.microsoftonline\.com$/, name: 'Microsoft' },
  { host: /^accounts\.google\.com$/, name: 'Google' },
];

export function providerNameOf(issuer: string): string {
  const host = new URL(issuer).hostname;
  return KNOWN.find((known) => known.host.test(host))?.name ?? host;
}

/** A loopback address: the only place an issuer may be plain http:// (a provider on the same machine, the tests). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
