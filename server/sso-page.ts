// The page a person sees when signing in through the identity provider fails: what happened and what to do, in
// words, never a stack trace (the administrator's detail is on the page too: it names no secret).
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { escapeHtml } from './domain/html-text.ts';
import { page } from './reclaim-page.ts';
import type { SsoProblem, SsoRefused } from './services/sso-sign-in.ts';

type Explained = { status: ContentfulStatusCode; title: string; text: string };

export function explainProblem(problem: SsoProblem, name: string): Explained {
  switch (problem.kind) {
    case 'provider_unreachable':
      return {
        status: 502,
        title: `Cannot reach ${name}`,
        text:
          `Seatwise could not reach ${name} to sign you in. Try again in a few minutes. If it keeps happening, ` +
          `your Seatwise administrator should check that ${name} is up and reachable from the Seatwise server.`,
      };
    case 'client_rejected':
      return {
        status: 502,
        title: `${name} does not accept Seatwise's credentials`,
        text:
          `${name} refused the client ID or secret Seatwise signs in with, so nobody can sign in this way until it ` +
          'is fixed. Your Seatwise administrator should compare SEATWISE_OIDC_CLIENT_ID and ' +
          'SEATWISE_OIDC_CLIENT_SECRET ' +
          `with the application registered at ${name} (client secrets expire).`,
      };
    case 'provider_refused':
      return {
        status: 401,
        title: `${name} did not sign you in`,
        text: `${name} ended the sign-in without letting you in. Try again; if you cancelled, that is all this is.`,
      };
    case 'id_token_invalid':
      return {
        status: 401,
        title: 'This sign-in could not be verified',
        text:
          `The answer from ${name} did not pass Seatwise's checks, so you were not signed in. Start again; if it ` +
          'keeps happening, tell your Seatwise administrator.',
      };
    case 'id_token_expired':
      return {
        status: 401,
        title: 'This sign-in has expired',
        text:
          `The answer from ${name} had already expired. Start again; if it happens every time, the clock of the ` +
          `Seatwise server or of ${name} is off, and your administrator should set it right (NTP).`,
      };
    case 'clock_skew':
      return {
        status: 401,
        title: `The clocks of Seatwise and ${name} disagree`,
        text:
          `The sign-in from ${name} is stamped more than a minute away from the Seatwise server's time, so it cannot ` +
          "be trusted. Your Seatwise administrator should set the server's clock right (NTP), then you can sign in.",
      };
  }
}

export function explainRefusal(refusal: SsoRefused, name: string): Explained {
  const who = refusal.email ? ` as ${refusal.email}` : '';
  switch (refusal.kind) {
    case 'no_transaction':
      return {
        status: 400,
        title: 'This sign-in has expired or was already used',
        text: 'A sign-in has to be finished within 10 minutes, once, in the browser that started it. Start again.',
      };
    case 'no_email':
      return {
        status: 403,
        title: `${name} did not give a verified email`,
        text: `Seatwise knows people by their email, and ${name} sent none it has verified. Ask your administrator.`,
      };
    case 'no_role':
      return {
        status: 403,
        title: 'You have no Seatwise role',
        text:
          `${name} signed you in${who}, but you are in none of the groups that give a Seatwise role. Ask your ` +
          'Seatwise administrator to add you to one (the groups are listed in SEATWISE_OIDC_ROLES).',
      };
    case 'disabled':
      return {
        status: 403,
        title: 'Your Seatwise login is disabled',
        text: `${name} signed you in${who}, but an admin has disabled this Seatwise login. Ask them to enable it.`,
      };
    case 'not_extension':
      return {
        status: 400,
        title: 'This is not the Seatwise extension',
        text:
          'Browsers enroll through this address only from the Seatwise extension, which sends its own redirect ' +
          'address; this request came with another one, so nothing was started. Reinstall or update the extension.',
      };
  }
}

export function ssoFailurePage(explained: Explained, detail: string | null): string {
  return page(
    explained.title,
    `<p>${escapeHtml(explained.text)}</p>\n` +
      (detail ? `<p class="muted">For your administrator: ${escapeHtml(detail)}.</p>\n` : '') +
      '<p><a href="/auth/sso">Try again</a> · <a href="/">Back to the sign-in page</a></p>',
  );
}
