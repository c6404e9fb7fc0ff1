// /auth/sso: signing in through the identity provider (authorization code with PKCE, state and nonce), its callback,
// and signing out there too. Browser pages, not API: each failure is a page saying what to do.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env.ts';
import type { SsoSettings } from '../auth/sso-settings.ts';
import { isSecureRequest, readSessionCookie, setSessionCookie } from '../middleware/session-cookie.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { logError } from '../safe-log.ts';
import {
  finishSsoSignIn,
  SIGN_IN_WINDOW_MS,
  SsoProblem,
  SsoRefused,
  ssoSignOutUrl,
  startSsoDeviceSignIn,
  startSsoSignIn,
} from '../services/sso-sign-in.ts';
import { explainProblem, explainRefusal, ssoFailurePage } from '../sso-page.ts';

/** The state, nonce and PKCE verifier between /auth/sso and its callback, sealed; Lax so the provider's redirect
 * back (a top-level navigation from its site) brings it. */
const TRANSACTION_COOKIE = 'seatwise_sso';
const TRANSACTION_PATH = '/auth/sso';

const docs = {
  start: describeRoute({
    summary: 'Start signing in through the identity provider (a browser navigation)',
    tags: ['auth'],
    description:
      'Redirects to the provider with the authorization-code flow, PKCE (S256), state and nonce; the three ride back ' +
      'in a sealed HttpOnly cookie for 10 minutes. 404 when single sign-on is not configured; an HTML page when the ' +
      'provider cannot be reached.',
    responses: { 302: { description: "To the provider's sign-in page." } },
  }),
  device: describeRoute({
    summary: "Start an extension's enrollment sign-in (from identity.launchWebAuthFlow)",
    tags: ['auth', 'devices'],
    description:
      'The same sign-in as /auth/sso, but the callback does not open a session: it redirects to `redirect` with a ' +
      'one-time `code` (valid 5 minutes, stored hashed) that /api/v1/devices/enroll takes as ssoCode to bind the ' +
      "device to the email the provider vouched for. `redirect` must be the extension's identity.getRedirectURL(): " +
      'https://<32 letters a-p>.chromiumapp.org/ (Chrome, Edge) or https://<40 hex>.extensions.allizom.org/ ' +
      '(Firefox); any other address is refused with a 400 page and nothing is started.',
    responses: { 302: { description: "To the provider's sign-in page." } },
  }),
  callback: describeRoute({
    summary: "The identity provider's redirect back: checks the ID token, signs in, redirects to /",
    tags: ['auth'],
    description:
      "Checks the ID token's issuer, audience, expiry (60 s of clock tolerance), nonce, state and signature by the " +
      "provider's JWKS (fetched afresh at each sign-in, so rotated keys are picked up). Creates the user on first " +
      'sign-in with the role SEATWISE_OIDC_ROLES maps their claim to, updates it at every sign-in, and refuses ' +
      'disabled users. Failures are HTML pages that say what to do (400, 401, 403 or 502).',
    responses: { 302: { description: 'Signed in: the session cookie is set.' } },
  }),
  signOut: describeRoute({
    summary: "End the Seatwise session and go to the provider's end-session page (where it has one)",
    tags: ['auth'],
    responses: { 302: { description: "To the provider's end-session page, or to / when it has none." } },
  }),
};

function baseUrl(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '');
}

/** Sends the browser to the provider with the sealed transaction in its cookie. */
function toProvider(
  c: Context,
  secureCookies: AppDeps['secureCookies'],
  started: { url: string; sealedTransaction: string },
) {
  setCookie(c, TRANSACTION_COOKIE, started.sealedTransaction, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c, secureCookies),
    path: TRANSACTION_PATH,
    maxAge: SIGN_IN_WINDOW_MS / 1000,
  });
  c.header('Cache-Control', 'no-store');
  return c.redirect(started.url, 302);
}

function failure(c: Context, sso: SsoSettings, error: unknown): Response {
  c.header('Cache-Control', 'no-store');
  if (error instanceof SsoProblem) {
    const explained = explainProblem(error, sso.name);
    return c.html(ssoFailurePage(explained, error.detail), explained.status);
  }
  if (error instanceof SsoRefused) {
    const explained = explainRefusal(error, sso.name);
    return c.html(ssoFailurePage(explained, null), explained.status);
  }
  logError(`${c.req.method} ${c.req.path} failed`, error);
  return c.html(
    ssoFailurePage(
      {
        status: 500,
        title: 'Signing in failed',
        text: 'Something went wrong on the Seatwise server; the error was logged. Try again.',
      },
      null,
    ),
    500,
  );
}

export function ssoRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const sso = deps.sso;
  if (!sso) return routes;
  return routes
    .get('/auth/sso', docs.start, async (c) => {
      try {
        const redirectUri = `${baseUrl(c, deps.publicUrl)}/auth/sso/callback`;
        return toProvider(c, deps.secureCookies, await startSsoSignIn(deps, sso, redirectUri));
      } catch (error) {
        return failure(c, sso, error);
      }
    })
    .get('/auth/sso/device', docs.device, async (c) => {
      try {
        const redirectUri = `${baseUrl(c, deps.publicUrl)}/auth/sso/callback`;
        const redirect = c.req.query('redirect') ?? '';
        return toProvider(c, deps.secureCookies, await startSsoDeviceSignIn(deps, sso, redirectUri, redirect));
      } catch (error) {
        return failure(c, sso, error);
      }
    })
    .get('/auth/sso/callback', docs.callback, async (c) => {
      const sealed = getCookie(c, TRANSACTION_COOKIE);
      // Used once, whatever comes of it: a replayed callback finds no transaction.
      deleteCookie(c, TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
      try {
        const callbackUrl = new URL(c.req.url);
        const base = new URL(baseUrl(c, deps.publicUrl));
        // Behind a proxy the request's own URL is internal; the provider compares against the public one.
        callbackUrl.protocol = base.protocol;
        callbackUrl.host = base.host;
        const outcome = await finishSsoSignIn(deps, sso, callbackUrl, sealed);
        c.header('Cache-Control', 'no-store');
        if (outcome.kind === 'device') return c.redirect(outcome.redirectTo, 302);
        setSessionCookie(c, deps.secureCookies, outcome.session);
        return c.redirect('/', 302);
      } catch (error) {
        return failure(c, sso, error);
      }
    })
    .get('/auth/sso/logout', docs.signOut, async (c) => {
      const token = readSessionCookie(c);
      const base = baseUrl(c, deps.publicUrl);
      try {
        const url = await ssoSignOutUrl(deps, sso, token, `${base}/`);
        return c.redirect(url ?? '/', 302);
      } catch (error) {
        return failure(c, sso, error);
      }
    });
}
