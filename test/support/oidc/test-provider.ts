// Starts the test OpenID provider (provider-process.ts) as a child process on 127.0.0.1 and throws its switches.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { IdTokenMode } from './provider-process.ts';

export const TEST_CLIENT = { id: 'seatwise', secret: 'seatwise-test-client-secret' };

/** The people the provider knows, by the login they type on its page; their groups are what Seatwise maps. */
export const TEST_USERS = {
  ada: { email: 'ada@example.com', name: 'Ada Lovelace', groups: ['seatwise-admins'] },
  grace: { email: 'grace@example.com', name: 'Grace Hopper', groups: ['finance', 'everyone'] },
  linus: { email: 'linus@example.com', name: 'Linus T', groups: ['it-ops'] },
  nobody: { email: 'nobody@example.com', name: 'No Groups', groups: ['everyone'] },
};

export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;

/** `env`: the child's environment (e2e tests pass their run's mark, so a provider left behind is found). */
export async function startTestProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  env?: Record<string, string>;
}) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'provider-process.ts')],
    {
      env: {
        ...(options.env ?? process.env),
        DEBUG: '',
        TEST_PROVIDER_OPTIONS: JSON.stringify({
          clients: [
            {
              client_id: TEST_CLIENT.id,
              client_secret: TEST_CLIENT.secret,
              redirect_uris: options.redirectUris,
              post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
            },
          ],
          users: TEST_USERS,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const issuer = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (http:\/\/\S+)/.exec(output);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`the test provider exited (${code}): ${output}`)));
  });

  async function control(path: string): Promise<{ kid: string }> {
    const response = await fetch(`${issuer}/_test/${path}`, { method: 'POST' });
    if (!response.ok) throw new Error(`test provider control ${path}: ${response.status}`);
    return (await response.json()) as { kid: string };
  }

  return {
    issuer,
    /** A new signing key, the old one gone from the JWKS at once. */
    rotateKeys: () => control('rotate'),
    /** Accepts this callback URL for the test client (and its origin's / after sign-out). */
    addRedirectUri: (uri: string) => control(`redirect-uri?uri=${encodeURIComponent(uri)}`),
    /** The provider's clock this many seconds off the real one. */
    setClockOffset: (seconds: number) => control(`clock?seconds=${seconds}`),
    /** What the next ID tokens are like. */
    setIdTokenMode: (mode: IdTokenMode) => control(`id-token?mode=${mode}`),
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
