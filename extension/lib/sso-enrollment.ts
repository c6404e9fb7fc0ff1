// Enrolling through single sign-on (DESIGN section 9): the person signs in at the company's identity provider in a
// window the browser opens (identity.launchWebAuthFlow, Chrome/Edge and Firefox), and the server answers at the
// extension's own redirect address with a one-time code that binds the device to the email the provider vouched for.
import { ApiError } from '../../server/contract/api-error';
import type { AgentEnv } from './agent-env';

type Identity = {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
};

/** The one-time code for /devices/enroll, after the person signed in; ApiError when that could not happen. */
export async function signInForEnrollment(env: AgentEnv, serverUrl: string): Promise<string> {
  const identity = (env.browser as { identity?: Partial<Identity> }).identity;
  if (typeof identity?.launchWebAuthFlow !== 'function' || typeof identity.getRedirectURL !== 'function') {
    throw new ApiError(0, 'sso_unavailable', 'This browser cannot open the single sign-on page; ask your IT team.');
  }
  const redirect = identity.getRedirectURL();
  const url = `${serverUrl}/auth/sso/device?redirect=${encodeURIComponent(redirect)}`;
  let finalUrl: string | undefined;
  try {
    finalUrl = await identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    throw new ApiError(
      0,
      'sso_not_finished',
      `Signing in to enroll this browser did not finish (${(error as Error).message}); it is asked again later.`,
    );
  }
  const code = finalUrl?.startsWith(redirect) ? new URL(finalUrl).searchParams.get('code') : null;
  if (!code) throw new ApiError(0, 'sso_not_finished', 'The sign-in ended without a code for this browser.');
  return code;
}
