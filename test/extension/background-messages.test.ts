// The background's message wiring: the listener answers with the promise it returns, the contract webextension-polyfill
// gives Chrome and Firefox has natively, so the popup and options page get a reply or a rejection in both.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../extension/entrypoints/background';
import type { StatusReply } from '../../extension/lib/messages';
import { NOT_CONNECTED_MESSAGE } from '../../extension/lib/messages';
import * as store from '../../extension/lib/storage-items';
import { showTab, stubIdle, stubToolbarIcon } from './support';

describe('background messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    stubToolbarIcon();
    showTab('https://www.example.org/');
    // Node 20 has no navigator; the background reads the user agent to tell Edge from Chrome.
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 Chrome/156.0.0.0' });
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '0.1.0' });
  });

  it('answers a status message with the status itself, not with a keep-the-channel-open flag', async () => {
    background.main();
    const reply = (await fakeBrowser.runtime.sendMessage({ type: 'status' })) as StatusReply;
    expect(reply.connection).toEqual({
      state: 'not_configured',
      message: NOT_CONNECTED_MESSAGE,
      missing: ['serverUrl', 'enrollmentToken', 'userEmail'],
    });
    expect(reply.config.idleSeconds).toBe(60);
  });

  it('rejects the sender when building the reply fails, and logs the failure', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    background.main();
    vi.spyOn(store.catalog, 'getValue').mockRejectedValue(new Error('storage is gone'));
    await expect(fakeBrowser.runtime.sendMessage({ type: 'status' })).rejects.toThrow('storage is gone');
    expect(logged).toHaveBeenCalledWith('seatwise:', expect.objectContaining({ message: 'storage is gone' }));
  });
});
