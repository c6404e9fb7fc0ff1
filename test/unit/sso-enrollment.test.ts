// The extension's single sign-on step: the URL it opens, the code it takes from the final redirect, and its failures.
import { describe, expect, it } from 'vitest';
import type { AgentEnv } from '../../extension/lib/agent-env.ts';
import { signInForEnrollment } from '../../extension/lib/sso-enrollment.ts';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

function envWith(identity: unknown): { env: AgentEnv; opened: string[] } {
  const opened: string[] = [];
  const wrapped =
    identity && typeof identity === 'object' && 'launchWebAuthFlow' in identity
      ? {
          ...identity,
          launchWebAuthFlow: (details: { url: string; interactive: boolean }) => {
            opened.push(`${details.interactive}:${details.url}`);
            return (identity as { launchWebAuthFlow: (d: unknown) => Promise<string> }).launchWebAuthFlow(details);
          },
        }
      : identity;
  return { env: { browser: { identity: wrapped } } as unknown as AgentEnv, opened };
}

describe('signInForEnrollment', () => {
  it("opens the server's device sign-in with the extension's redirect and takes the code from the answer", async () => {
    const { env, opened } = envWith({
      getRedirectURL: () => REDIRECT,
      launchWebAuthFlow: async () => `${REDIRECT}?code=swc_abc`,
    });
    await expect(signInForEnrollment(env, 'https://seatwise.acme.test')).resolves.toBe('swc_abc');
    expect(opened).toEqual([
      `true:https://seatwise.acme.test/auth/sso/device?redirect=${encodeURIComponent(REDIRECT)}`,
    ]);
  });

  it.each([
    ['the person closed the window', async () => Promise.reject(new Error('The user did not approve access.'))],
    ['the answer carries no code', async () => REDIRECT],
    ['the answer is another address', async () => 'https://evil.test/?code=swc_abc'],
  ])('fails with sso_not_finished when %s', async (_name, launchWebAuthFlow) => {
    const { env } = envWith({ getRedirectURL: () => REDIRECT, launchWebAuthFlow });
    await expect(signInForEnrollment(env, 'https://seatwise.acme.test')).rejects.toMatchObject({
      code: 'sso_not_finished',
    });
  });

  it('fails with sso_unavailable in a browser without identity.launchWebAuthFlow', async () => {
    const { env } = envWith(undefined);
    await expect(signInForEnrollment(env, 'https://seatwise.acme.test')).rejects.toMatchObject({
      code: 'sso_unavailable',
    });
  });
});
