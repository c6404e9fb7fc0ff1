// /auth: people sign in and out with a session cookie (HttpOnly, SameSite=Strict).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { LoginBody, Me, SignInMethods } from '../contract.ts';
import { clientAddress } from '../middleware/client-address.ts';
import { allowAnyone } from '../middleware/principal.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../middleware/session-cookie.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { signIn, signOut } from '../services/sign-in.ts';

const docs = {
  login: describeRoute({
    summary: 'Sign in; sets an HttpOnly, SameSite=Strict session cookie',
    tags: ['auth'],
    description:
      'Wrong passwords are throttled per account and address (after 5, a wait of 1 minute doubling up to an hour) ' +
      'and per address (after 20, 15 minutes): 429 too_many_attempts with Retry-After. Successful sign-ins are not ' +
      'counted; another address is not affected.',
    responses: { 200: { description: 'Signed in.', schema: Me } },
  }),
  methods: describeRoute({
    summary: 'How people sign in here: passwords (everyone, admins only or nobody) and the identity provider',
    tags: ['auth'],
    responses: { 200: { description: 'The sign-in methods.', schema: SignInMethods } },
  }),
  logout: describeRoute({
    summary: 'Sign out and end the session',
    tags: ['auth'],
    responses: { 204: { description: 'Signed out.' } },
  }),
};

export function authRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/auth/login', docs.login, allowAnyone(), validate('json', LoginBody), async (c) => {
      const address = clientAddress(c, deps.trustProxy ?? false);
      const { user, session } = await signIn(deps, c.req.valid('json'), address);
      setSessionCookie(c, deps.secureCookies, session);
      return c.json(user satisfies Me);
    })
    .get('/auth/methods', docs.methods, allowAnyone(), (c) =>
      c.json({
        password: deps.passwordLogin ?? 'on',
        sso: deps.sso ? { name: deps.sso.name, startUrl: '/auth/sso', signOutUrl: '/auth/sso/logout' } : null,
      } satisfies SignInMethods),
    )
    .post('/auth/logout', docs.logout, allowAnyone(), async (c) => {
      const token = readSessionCookie(c);
      if (token) await signOut(deps.db, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}
