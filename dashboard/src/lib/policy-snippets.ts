// The managed-policy text IT pastes to deploy the extension with an enrollment token (see docs/deployment.md).
export const CHROME_EXTENSION_ID = 'ijfohkaemnlpljnlponcmlcinjgcnpbk';
export const FIREFOX_EXTENSION_ID = 'extension@seatwise.dev';

const settings = (serverUrl: string, enrollmentToken: string) => ({ serverUrl, enrollmentToken, idleSeconds: 60, uploadIntervalMinutes: 5 });

/** Chrome/Edge on Linux (a JSON file in the managed policy folder); the same keys go into the registry or a profile. */
export function chromePolicy(serverUrl: string, enrollmentToken: string): string {
  return JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: settings(serverUrl, enrollmentToken) } } }, null, 2);
}

/** Google Admin console "Policy for extensions": every value wrapped in {"Value": ...}. */
export function googleAdminPolicy(serverUrl: string, enrollmentToken: string): string {
  return JSON.stringify(Object.fromEntries(Object.entries(settings(serverUrl, enrollmentToken)).map(([key, value]) => [key, { Value: value }])), null, 2);
}

/** Firefox policies.json (note the capital E of Extensions). */
export function firefoxPolicy(serverUrl: string, enrollmentToken: string): string {
  return JSON.stringify({ policies: { '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: settings(serverUrl, enrollmentToken) } } } }, null, 2);
}
