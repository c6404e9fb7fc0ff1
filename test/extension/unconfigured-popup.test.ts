// What a staff member reads in the popup of a browser IT has not set up yet: plain words, no key names, and what
// the popup may say from storage before the background has read the policy.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import { earlyView } from '../../extension/lib/early-connection';
import { NOT_CONNECTED_MESSAGE, type StatusReply, type UploadNowReply } from '../../extension/lib/messages';
import { type Device, optionsConfig, type SyncState } from '../../extension/lib/storage-items';
import { CATALOG, showTab, stubIdle, T0, testEnv } from './support';

const KEY_NAMES = /serverUrl|enrollmentToken|userEmail|missing/;

describe('an unconfigured browser', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubIdle();
    showTab('https://www.example.org/');
  });

  it.each([
    ['nothing set', {}, ['serverUrl', 'enrollmentToken', 'userEmail']],
    ['only the server', { serverUrl: 'https://seatwise.example.com' }, ['enrollmentToken', 'userEmail']],
    ['no email', { serverUrl: 'https://seatwise.example.com', enrollmentToken: 't' }, ['userEmail']],
  ])(
    'with %s tells the person in plain words whom to ask, and IT which keys are missing',
    async (_case, options, missing) => {
      await optionsConfig.setValue(options);
      const agent = createAgent(testEnv().env);
      await agent.start();
      const status = (await agent.handleMessage({ type: 'status' })) as StatusReply;
      expect(status.connection.state).toBe('not_configured');
      expect(status.connection.message).toBe(NOT_CONNECTED_MESSAGE);
      expect(status.connection.message).toMatch(/not connected to your company's Seatwise.*Ask your IT team/);
      expect(status.connection.message).not.toMatch(KEY_NAMES);
      expect(status.connection.missing).toEqual(missing);
    },
  );

  it('answers "Upload now" in the same plain words', async () => {
    const agent = createAgent(testEnv().env);
    const reply = (await agent.handleMessage({ type: 'upload-now' })) as UploadNowReply;
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/not connected to your company's Seatwise yet; ask your IT team/);
    expect(reply.error).not.toMatch(KEY_NAMES);
  });
});

const DEVICE: Device = {
  deviceId: 'd1',
  deviceToken: 'secret',
  serverUrl: 'https://seatwise.example.com',
  email: 'ada@example.com',
};
const NEVER: SyncState = { lastUpload: null, failures: 0, nextAttemptAt: null };
const UPLOADED: SyncState = {
  lastUpload: { at: T0, ok: true, payload: { records: [] }, accepted: 0 },
  failures: 0,
  nextAttemptAt: null,
};
const FAILED: SyncState = {
  lastUpload: { at: T0, ok: false, payload: { records: [] }, error: 'HTTP 500' },
  failures: 1,
  nextAttemptAt: T0 + 60_000,
};
const STORED_CATALOG = { ...CATALOG, fetchedAt: T0, serverUrl: DEVICE.serverUrl };

describe('what the popup shows before the background answers', () => {
  it.each([
    ['nothing stored (a fresh browser): says nothing yet', null, NEVER, null, null, []],
    [
      'enrolled, uploads going through: connected',
      DEVICE,
      UPLOADED,
      STORED_CATALOG,
      { state: 'connected', message: 'Connected to https://seatwise.example.com.' },
      ['Salesforce', 'Slack'],
    ],
    [
      'enrolled, last upload failed: waits for the background',
      DEVICE,
      FAILED,
      STORED_CATALOG,
      null,
      ['Salesforce', 'Slack'],
    ],
    ['a successful upload but no device (re-enrolling): waits', null, UPLOADED, null, null, []],
  ] as const)('%s', (_case, device, sync, catalog, connection, apps) => {
    expect(earlyView(device, sync, catalog)).toEqual({ connection, catalogApps: apps });
  });
});
