// Works-council mode at the one place every API reply passes: for a caller who sees pseudonyms, each JSON reply is
// masked whole and every other text reply (CSV, calendar) has its emails replaced, so a new route cannot leak a name
// by forgetting a check. Routes that write names into a file mask its table themselves (`personMaskOf`).
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app-env.ts';
import { maskText, maskValue } from '../domain/person-mask.ts';
import { isPseudonymEmail } from '../domain/pseudonym-email.ts';
import { badRequest } from '../errors.ts';
import { personMaskFor, type ViewerMask } from '../services/person-mask.ts';
import type { PrincipalVariables } from './principal.ts';

export type PersonMaskVariables = { personMask: ViewerMask | null };

/** The caller's mask, set by `pseudonymiseReplies`; null when they see names. */
export const personMaskOf = (c: { var: Partial<PersonMaskVariables> }): ViewerMask | null => c.var.personMask ?? null;

export function pseudonymiseReplies(
  db: AppDeps['db'],
  now: () => Date,
): MiddlewareHandler<{ Variables: PrincipalVariables & PersonMaskVariables }> {
  return async function pseudonymiseRepliesMiddleware(c, next) {
    const mask = await personMaskFor(db, c.get('principal'), now());
    c.set('personMask', mask);
    await next();
    if (!mask) return;
    const type = c.res.headers.get('content-type') ?? '';
    const isJson = type.startsWith('application/json');
    if (!isJson && !type.startsWith('text/')) return;
    const text = await c.res.text();
    const body = isJson && text !== '' ? JSON.stringify(maskValue(mask, JSON.parse(text))) : maskText(mask, text);
    const { status } = c.res;
    c.res.headers.delete('content-length');
    c.res = new Response(body, { status, headers: { 'content-type': type } });
  };
}

/**
 * An email a pseudonymising caller sent back (an owner picked from what they see) as stored: a pseudonym becomes the
 * person's email, so an edit never stores a pseudonym; any other email is kept as typed.
 */
export function emailAsStored(mask: ViewerMask | null, email: string): string {
  if (!mask || !isPseudonymEmail(email)) return email;
  const real = mask.realEmail(email);
  if (real === null) throw badRequest('unknown_pseudonym', `${email} is not the pseudonym of anyone in the directory.`);
  return real;
}
