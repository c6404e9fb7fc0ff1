// People sign in and out with a session cookie (HttpOnly, SameSite=Strict); /me and /session say who is signed in.
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { ACCOUNT_AT_ADDRESS, ADDRESS, addressKey, retryAfterSeconds } from '../auth/login-throttle.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../auth/password.ts';
import { LoginBody, Me, SessionReply } from '../contract.ts';
import { RateLimited, Unauthenticated } from '../errors.ts';
import { clientAddress } from '../middleware/client-address.ts';
import { allowAnyone, type Principal, requireSignedIn, SESSION_COOKIE } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { clearFailures, getFailureCount, pruneFailures, recordFailure } from '../queries/rate-limits.ts';
import { createSession, deleteSession, findUserForLogin, SESSION_TTL_MS } from '../queries/users.ts';

const FORGET_MS = Math.max(ACCOUNT_AT_ADDRESS.forgetAfterMs, ADDRESS.forgetAfterMs);

export function isSecureRequest(c: Context, mode: AppDeps['secureCookies']): boolean {
  if (mode !== 'auto') return mode === 'always';
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function startSession(c: Context, deps: AppDeps, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecureRequest(c, deps.secureCookies),
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

const loginDoc = describeRoute({
  summary: 'Sign in; sets an HttpOnly, SameSite=Strict session cookie',
  tags: ['auth'],
  description:
    'Wrong passwords are throttled per account and address (after 5, a wait of 1 minute doubling up to an hour) and per address (after 20, 15 minutes): 429 too_many_attempts with Retry-After. Successful sign-ins are not counted; another address is not affected.',
  responses: { 200: { description: 'Signed in.', schema: Me } },
});
const logoutDoc = describeRoute({
  summary: 'Sign out and end the session',
  tags: ['auth'],
  responses: { 204: { description: 'Signed out.' } },
});
const meDoc = describeRoute({
  summary: 'Who is calling',
  tags: ['auth'],
  responses: { 200: { description: 'The signed-in user or API token.', schema: Me } },
});
const sessionDoc = describeRoute({
  summary: 'Who is signed in, or null; never 401',
  tags: ['auth'],
  description:
    'What the dashboard asks on its first load: unlike GET /me it answers 200 before sign-in, so a browser logs no failed request.',
  responses: { 200: { description: 'The signed-in user or API token, or null.', schema: SessionReply } },
});

const meOf = (principal: Principal): Me =>
  principal.kind === 'user'
    ? { id: principal.userId, email: principal.email, role: principal.role }
    : { id: principal.tokenId, email: `token:${principal.name}`, role: principal.role };

export function authRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .post('/auth/login', loginDoc, allowAnyone(), validate('json', LoginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const address = addressKey(clientAddress(c, deps.trustProxy ?? false));
      const keys = { accountAtAddress: `login:account:${email}|${address}`, address: `login:address:${address}` };
      const at = now().getTime();
      // Checked before the password, so a throttled guess costs no hashing and learns nothing.
      const accountWait =
        retryAfterSeconds(ACCOUNT_AT_ADDRESS, await getFailureCount(db, keys.accountAtAddress), at) ?? 0;
      const addressWait = retryAfterSeconds(ADDRESS, await getFailureCount(db, keys.address), at) ?? 0;
      const wait = Math.max(accountWait, addressWait);
      if (wait > 0) {
        const after = wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
        const who = accountWait >= addressWait ? 'for this account from here' : 'from this address';
        throw new RateLimited('too_many_attempts', `Too many wrong passwords ${who}; try again in ${after}.`, wait);
      }
      const user = await findUserForLogin(db, email);
      // Verify even for an unknown email so response time does not reveal which emails exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !ok) {
        await recordFailure(db, keys.accountAtAddress, ACCOUNT_AT_ADDRESS, at);
        await recordFailure(db, keys.address, ADDRESS, at);
        await pruneFailures(db, at - FORGET_MS);
        throw new Unauthenticated('invalid_credentials', 'The email or password is not right.');
      }
      await clearFailures(db, keys.accountAtAddress);
      const session = await createSession(db, user.id, now());
      startSession(c, deps, session.token);
      return c.json({ id: user.id, email: user.email, role: user.role } satisfies Me);
    })
    .post('/auth/logout', logoutDoc, allowAnyone(), async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/me', meDoc, requireSignedIn(), (c) => c.json(meOf(c.get('principal')!)))
    .get('/session', sessionDoc, allowAnyone(), (c) => {
      const principal = c.get('principal');
      return c.json({ user: principal ? meOf(principal) : null } satisfies SessionReply);
    });
}
