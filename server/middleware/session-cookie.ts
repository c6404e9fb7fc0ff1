// The session cookie: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS (or the setting says so).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'seatwise_session';

export type SecureCookies = 'auto' | 'always' | 'never';

export function isSecureRequest(c: Context, mode: SecureCookies): boolean {
  if (mode !== 'auto') return mode === 'always';
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(
  c: Context,
  mode: SecureCookies,
  session: { token: string; maxAgeSeconds: number },
): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecureRequest(c, mode),
    path: '/',
    maxAge: session.maxAgeSeconds,
  });
}

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
