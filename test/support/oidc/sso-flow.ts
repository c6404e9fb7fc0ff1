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
