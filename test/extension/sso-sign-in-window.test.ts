// Enrolling through single sign-on waits for the person in the browser's sign-in window, for as long as they take.
// Scheduled uploads that came due meanwhile wait behind it; when the person closes the window, the backoff that
// failure sets holds for them too, so the window does not come straight back once per upload that queued up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import * as store from '../../extension/lib/storage-items';
import { SSO_CODE, showTab, startDeviceServer, stubIdle, T0, testEnv } from './support';

type DeviceServer = Awaited<ReturnType<typeof startDeviceServer>>;
let server: DeviceServer;
const REDIRECT = 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/';

/**
 * launchWebAuthFlow as the browser runs it: each call a window the test finishes or closes as the person would, or,
 * while `person.closesAtOnce`, that the person closes as soon as it appears.
 */
function stubSignInWindows() {
  const person = { closesAtOnce: false };
  const windows: { finish: (url: string) => void; close: () => void }[] = [];
  const launchWebAuthFlow = vi.fn(
    () =>
      new Promise<string>((resolve, reject) => {
        const close = () => reject(new Error('User cancelled or denied access.'));
        windows.push({ finish: resolve, close });
        if (person.closesAtOnce) close();
      }),
  );
  Object.assign(fakeBrowser, { identity: { getRedirectURL: () => REDIRECT, launchWebAuthFlow } });
  return { person, windows, launchWebAuthFlow };
}

describe('the single sign-on window', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://acme.slack.com/');
    server = await startDeviceServer();
    server.state.requireSso = true;
    await store.optionsConfig.setValue({
      serverUrl: server.url,
      enrollmentToken: 'good-token',
      userEmail: 'ann@example.com',
    });
  });
  afterEach(() => server.close());

  it('closed by the person, comes back after the backoff, not once per upload due while it was open', async () => {
    const { person, windows, launchWebAuthFlow } = stubSignInWindows();
    const { env, clock } = testEnv();
    const agent = createAgent(env);
    const starting = agent.start();
    await vi.waitFor(() => expect(launchWebAuthFlow).toHaveBeenCalledTimes(1));

    // The window stays open for a quarter of an hour: three scheduled uploads come due and wait their turn.
    const scheduled: Promise<void>[] = [];
    for (const minutes of [5, 10, 15]) {
      clock.now = T0 + minutes * 60_000;
      scheduled.push(agent.onAlarm('upload'));
    }
    person.closesAtOnce = true;
    windows[0]!.close();
    await Promise.all([starting, ...scheduled]);
    expect(launchWebAuthFlow).toHaveBeenCalledTimes(1);
    const sync = await store.sync.getValue();
    expect(sync).toMatchObject({ failures: 1, lastUpload: { ok: false } });
    // The backoff counts from the moment the person closed it, not from when the upload began.
    expect(sync.nextAttemptAt).toBeGreaterThan(T0 + 15 * 60_000);
    expect(sync.lastUpload?.error).toContain('User cancelled or denied access.');
    expect(server.state.enrollments).toHaveLength(1);

    // After the backoff the retry opens it again, and signing in there enrolls the browser with the code.
    person.closesAtOnce = false;
    clock.now = sync.nextAttemptAt!;
    const retrying = agent.onAlarm('upload-retry');
    await vi.waitFor(() => expect(launchWebAuthFlow).toHaveBeenCalledTimes(2));
    windows[1]!.finish(`${REDIRECT}?code=${SSO_CODE}`);
    await retrying;
    expect(server.state.enrollments.at(-1)).toMatchObject({ ssoCode: SSO_CODE });
    expect(await store.sync.getValue()).toMatchObject({ failures: 0, lastUpload: { ok: true } });
  });
});
