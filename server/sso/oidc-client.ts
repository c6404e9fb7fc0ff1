// Talks OpenID Connect to the configured provider with openid-client (discovery, the authorization-code flow with
// PKCE, state and nonce, and every ID-token check), and turns what went wrong into SsoProblem kinds a page can explain.
import * as client from 'openid-client';
import type { SsoSettings } from '../auth/sso-settings.ts';
import { isLoopbackHost } from '../domain/sso-provider-name.ts';

/** What a person is told went wrong; `kind` picks the explanation. `detail` is for the administrator, never secret. */
export class SsoProblem extends Error {
  constructor(
    readonly kind:
      | 'provider_unreachable'
      | 'client_rejected'
      | 'provider_refused'
      | 'id_token_invalid'
      | 'id_token_expired'
      | 'clock_skew',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'SsoProblem';
  }
}

/** How far the provider's clock and this server's may differ (DESIGN section 9). */
export const CLOCK_TOLERANCE_SECONDS = 60;
const TIMEOUT_SECONDS = 10;

/** What the browser carries between /auth/sso and the callback (sealed in a cookie). */
export type SsoTransaction = { state: string; nonce: string; codeVerifier: string };

/** The claims Seatwise reads from a checked ID token. */
export type VouchedIdentity = {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  claims: Record<string, unknown>;
};

const discovered = new Map<string, Promise<client.Configuration>>();

/**
 * The provider's configuration, discovered once and kept; a failed discovery is forgotten so the next sign-in tries
 * again. Each sign-in gets its own copy, so its JWKS is fetched afresh: a rotated signing key is picked up at once.
 */
async function configurationFor(sso: SsoSettings): Promise<client.Configuration> {
  const key = `${sso.issuer}|${sso.clientId}`;
  let pending = discovered.get(key);
  if (!pending) {
    pending = client.discovery(
      new URL(sso.issuer),
      sso.clientId,
      undefined,
      client.ClientSecretBasic(sso.clientSecret),
      {
        ...(isLoopbackHost(new URL(sso.issuer).hostname) ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: TIMEOUT_SECONDS,
      },
    );
    discovered.set(key, pending);
    pending.catch(() => discovered.delete(key));
  }
  const shared = await pending.catch((error: unknown) => {
    throw unreachable(sso, error);
  });
  const fresh = new client.Configuration(
    shared.serverMetadata(),
    sso.clientId,
    { [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
    client.ClientSecretBasic(sso.clientSecret),
  );
  if (isLoopbackHost(new URL(sso.issuer).hostname)) client.allowInsecureRequests(fresh);
  fresh.timeout = TIMEOUT_SECONDS;
  // Without this openid-client trusts the ID token from the token endpoint on TLS alone; Seatwise checks the signature.
  client.enableNonRepudiationChecks(fresh);
  return fresh;
}

function unreachable(sso: SsoSettings, error: unknown): SsoProblem {
  const cause = error instanceof Error ? describeCause(error) : 'no answer';
  return new SsoProblem('provider_unreachable', `${sso.issuer} did not answer (${cause})`);
}

function describeCause(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : null;
  const code = inner && 'code' in inner && typeof inner.code === 'string' ? inner.code : null;
  return code ?? inner?.message ?? error.message;
}

/** Where to send the browser, and what it must bring back. */
export async function authorizationRequest(
  sso: SsoSettings,
  redirectUri: string,
): Promise<{ url: string; transaction: SsoTransaction }> {
  const configuration = await configurationFor(sso);
  const transaction = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: sso.scopes,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, transaction };
}

/** Exchanges the code and checks the ID token: issuer, audience, expiry, nonce, state, signature by the JWKS. */
export async function redeemCallback(
  sso: SsoSettings,
  callbackUrl: URL,
  transaction: SsoTransaction,
): Promise<VouchedIdentity> {
  const configuration = await configurationFor(sso);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw problemOf(sso, error);
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoProblem('id_token_invalid', 'the token endpoint sent no ID token');
  // openid-client checks expiry; an ID token stamped well in the future (or past) says the clocks disagree. The real
  // clock, as openid-client's own checks read it: the provider's tokens are about real time, not a test's fixed day.
  const skew = Math.round(claims.iat - Date.now() / 1000);
  if (Math.abs(skew) > CLOCK_TOLERANCE_SECONDS) {
    throw new SsoProblem(
      'clock_skew',
      `the ID token was issued ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} this server's clock`,
    );
  }
  return {
    subject: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
    claims: { ...claims },
  };
}

function problemOf(sso: SsoSettings, error: unknown): SsoProblem {
  if (error instanceof client.AuthorizationResponseError) {
    return new SsoProblem(
      'provider_refused',
      `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`,
    );
  }
  // A client secret the token endpoint rejects: 401 with a WWW-Authenticate challenge (client_secret_basic).
  if (error instanceof client.WWWAuthenticateChallengeError) {
    return new SsoProblem('client_rejected', `the token endpoint answered ${error.status} to the client credentials`);
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_client' || error.status === 401) {
      return new SsoProblem('client_rejected', `the token endpoint answered ${error.status} ${error.error}`);
    }
    return new SsoProblem('provider_refused', `the token endpoint answered ${error.status} ${error.error}`);
  }
  if (error instanceof client.ClientError) {
    const inner = error.cause as { code?: string; cause?: { claim?: string } } | undefined;
    const claim = inner?.cause?.claim;
    if (error.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
      return new SsoProblem('id_token_expired', `the ID token's ${claim ?? 'time'} check failed`);
    }
    if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
      return new SsoProblem('id_token_invalid', `the ID token's ${claim ?? 'claim'} is not this sign-in's`);
    }
    if (error.code === 'OAUTH_KEY_SELECTION_FAILED') {
      return new SsoProblem('id_token_invalid', "the ID token's signing key is not in the provider's JWKS");
    }
    if (/signature verification failed/i.test(error.cause instanceof Error ? error.cause.message : '')) {
      return new SsoProblem('id_token_invalid', "the ID token's signature does not verify with the provider's keys");
    }
    if (error.code === 'OAUTH_INVALID_RESPONSE' || error.code === 'OAUTH_PARSE_ERROR') {
      return new SsoProblem('id_token_invalid', error.cause instanceof Error ? error.cause.message : error.message);
    }
    return new SsoProblem('provider_refused', `${error.code ?? 'error'}: ${error.message}`);
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
    return unreachable(sso, error);
  }
  return new SsoProblem('provider_refused', error instanceof Error ? error.message : 'an unknown failure');
}

/** The provider's sign-out address, when it has one (RP-initiated logout). */
export async function endSessionUrl(sso: SsoSettings, postLogoutRedirectUri: string): Promise<string | null> {
  const configuration = await configurationFor(sso);
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(configuration, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
}
