// A person signing in to a test Seatwise through the test provider's pages: /auth/sso, the provider, the callback.
import type { SsoSettings } from '../../../server/auth/sso-settings.ts';
import type { TestServer } from '../test-server.ts';
import { signInAtProvider } from './provider-login.ts';
import { TEST_CLIENT } from './test-provider.ts';

export const SEATWISE_ORIGIN = 'http://localhost';
export const CALLBACK = `${SEATWISE_ORIGIN}/auth/sso/callback`;

export function ssoSettings(issuer: string, change: Partial<SsoSettings> = {}): SsoSettings {
  return {
    issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    name: 'Test IdP',
    scopes: 'openid email profile groups',
    roleClaim: 'groups',
    mapping: [
      { value: 'seatwise-admins', role: 'admin' },
      { value: 'it-ops', role: 'it' },
      { value: 'finance', role: 'finance' },
    ],
    defaultRole: 'viewer',
    ...change,
  };
}

const cookieFrom = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1);

export type SsoAttempt = {
  /** The callback's reply: a redirect to / when signed in, else the page saying why not. */
  status: number;
  location: string | null;
  html: string;
  /** The session cookie, when signed in. */
  cookie: string | undefined;
  callbackUrl: string;
  transactionCookie: string;
};

/** Starts at /auth/sso, signs in at the provider as `login`, and brings the callback back to Seatwise. */
export async function ssoSignIn(server: TestServer, login: string): Promise<SsoAttempt> {
  const start = await server.app.request(`${SEATWISE_ORIGIN}/auth/sso`);
  if (start.status !== 302) throw new Error(`/auth/sso answered ${start.status}: ${await start.text()}`);
  const transactionCookie = cookieFrom(start, 'seatwise_sso');
  if (!transactionCookie) throw new Error('/auth/sso set no transaction cookie');
  const callbackUrl = await signInAtProvider(start.headers.get('location')!, login, CALLBACK);
  return callback(server, callbackUrl, transactionCookie);
}

/** The browser arriving at the callback (again, for a replay). */
export async function callback(server: TestServer, callbackUrl: string, transactionCookie: string | null) {
  const response = await server.app.request(callbackUrl, {
    headers: transactionCookie ? { cookie: transactionCookie } : {},
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
    cookie: cookieFrom(response, 'seatwise_session'),
    callbackUrl,
    transactionCookie: transactionCookie ?? '',
  };
}

/** Chrome's identity.getRedirectURL() for a made-up extension id (32 letters a-p). */
export const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/**
 * An extension's enrollment sign-in as identity.launchWebAuthFlow runs it: /auth/sso/device, the provider as `login`,
 * and the callback, whose redirect to the extension carries the one-time code (null when refused).
 */
export async function ssoDeviceSignIn(
  server: TestServer,
  login: string,
  redirect = EXTENSION_REDIRECT,
): Promise<SsoAttempt & { code: string | null }> {
  const start = await server.app.request(`${SEATWISE_ORIGIN}/auth/sso/device?redirect=${encodeURIComponent(redirect)}`);
  if (start.status !== 302) throw new Error(`/auth/sso/device answered ${start.status}: ${await start.text()}`);
  const transactionCookie = cookieFrom(start, 'seatwise_sso');
  if (!transactionCookie) throw new Error('/auth/sso/device set no transaction cookie');
  const callbackUrl = await signInAtProvider(start.headers.get('location')!, login, CALLBACK);
  const attempt = await callback(server, callbackUrl, transactionCookie);
  const to = attempt.location ? new URL(attempt.location) : null;
  const code = to && `${to.origin}/` === new URL(redirect).href ? to.searchParams.get('code') : null;
  return { ...attempt, code };
}
