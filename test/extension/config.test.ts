// Configuration precedence (policy > profile > options) and bad policy values, through the agent and fake storage.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import { configReader } from '../../extension/lib/config-sources';
import type { StatusReply } from '../../extension/lib/messages';
import { optionsConfig } from '../../extension/lib/storage-items';
import { showTab, stubIdle, testEnv } from './support';

function stubProfileEmail(email: string | null) {
  const identity = { getProfileUserInfo: vi.fn(async () => ({ email: email ?? '', id: '' })) };
  Object.assign(fakeBrowser, { identity });
  return identity;
}

describe('configuration', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    stubIdle();
    stubProfileEmail(null);
    showTab(undefined);
  });

  it('uses the options page when there is no policy', async () => {
    await optionsConfig.setValue({
      serverUrl: 'https://seatwise.example/',
      enrollmentToken: 't',
      userEmail: 'Ann@Example.com',
    });
    const config = await configReader(testEnv().env).load();
    expect(config).toMatchObject({
      serverUrl: 'https://seatwise.example',
      enrollmentToken: 't',
      userEmail: 'ann@example.com',
      idleSeconds: 60,
      uploadIntervalMinutes: 5,
      sources: { serverUrl: 'options', enrollmentToken: 'options', userEmail: 'options', idleSeconds: 'default' },
      problems: [],
    });
  });

  it('lets policy win over the options page, key by key', async () => {
    await fakeBrowser.storage.managed.set({
      serverUrl: 'https://policy.example',
      idleSeconds: 300,
      uploadIntervalMinutes: 15,
    });
    await optionsConfig.setValue({ serverUrl: 'https://typed.example', enrollmentToken: 'typed-token' });
    const config = await configReader(testEnv().env).load();
    expect(config).toMatchObject({
      serverUrl: 'https://policy.example',
      enrollmentToken: 'typed-token',
      idleSeconds: 300,
      uploadIntervalMinutes: 15,
      sources: { serverUrl: 'policy', enrollmentToken: 'options', idleSeconds: 'policy' },
    });
  });

  it.each([
    [
      'policy email first',
      'policy@example.com',
      'profile@example.com',
      'typed@example.com',
      'policy@example.com',
      'policy',
    ],
    [
      'then the browser profile',
      undefined,
      'profile@example.com',
      'typed@example.com',
      'profile@example.com',
      'profile',
    ],
    ['then the options page', undefined, null, 'typed@example.com', 'typed@example.com', 'options'],
  ])('email: %s', async (_name, policy, profile, typed, expected, source) => {
    if (policy) await fakeBrowser.storage.managed.set({ userEmail: policy });
    stubProfileEmail(profile);
    await optionsConfig.setValue({ userEmail: typed });
    const config = await configReader(testEnv().env).load();
    expect(config.userEmail).toBe(expected);
    expect(config.sources.userEmail).toBe(source);
  });

  it('works without an identity API (Firefox)', async () => {
    Object.assign(fakeBrowser, { identity: {} });
    await optionsConfig.setValue({ userEmail: 'typed@example.com' });
    expect((await configReader(testEnv().env).load()).userEmail).toBe('typed@example.com');
  });

  it('reports bad policy values in the status and uses the defaults', async () => {
    const idle = stubIdle();
    await fakeBrowser.storage.managed.set({
      serverUrl: 'javascript:alert(1)',
      idleSeconds: 5,
      uploadIntervalMinutes: 'often',
    });
    const agent = createAgent(testEnv().env);
    await agent.start();
    const status = (await agent.handleMessage({ type: 'status' })) as StatusReply;
    expect(status.config).toMatchObject({ serverUrl: null, idleSeconds: 60, uploadIntervalMinutes: 5 });
    expect(status.config.problems).toHaveLength(3);
    expect(status.config.problems.join('\n')).toMatch(/serverUrl[\s\S]*idleSeconds[\s\S]*uploadIntervalMinutes/);
    expect(status.connection.state).toBe('not_configured');
    expect(idle.setDetectionInterval).toHaveBeenCalledWith(60);
    expect((await fakeBrowser.alarms.get('upload'))?.periodInMinutes).toBe(5);
  });

  it.each([
    [{ idleSeconds: 5 }, 'idleSeconds 5 from policy is below 15; using 60.'],
    [{ idleSeconds: 7200 }, 'idleSeconds 7200 from policy is above 3600; using 60.'],
    [{ idleSeconds: 20.5 }, 'idleSeconds 20.5 from policy is not a whole number; using 60.'],
    [{ uploadIntervalMinutes: 'often' }, 'uploadIntervalMinutes "often" from policy is not a number; using 5.'],
    [{ serverUrl: 42 }, 'Policy serverUrl must be text; it is ignored.'],
  ])('names the bad policy value %j and what is used instead', async (policy, message) => {
    await fakeBrowser.storage.managed.set(policy);
    expect((await configReader(testEnv().env).load()).problems).toEqual([message]);
  });

  it('takes idle and upload intervals from the options page when no policy sets them', async () => {
    await optionsConfig.setValue({ idleSeconds: '15', uploadIntervalMinutes: 2 });
    const config = await configReader(testEnv().env).load();
    expect(config).toMatchObject({ idleSeconds: 15, uploadIntervalMinutes: 2, problems: [] });
    expect(config.sources).toMatchObject({ idleSeconds: 'options', uploadIntervalMinutes: 'options' });
    await fakeBrowser.storage.managed.set({ idleSeconds: 120 });
    await optionsConfig.setValue({ idleSeconds: 10 });
    const withPolicy = await configReader(testEnv().env).load();
    expect(withPolicy).toMatchObject({ idleSeconds: 120, sources: { idleSeconds: 'policy' }, problems: [] });
  });

  it('reads managed storage once per worker start, again after a policy change', async () => {
    const read = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const reader = configReader(testEnv().env);
    await Promise.all([reader.load(), reader.load(), reader.load()]);
    expect(read).toHaveBeenCalledTimes(1);
    reader.forgetPolicy();
    await reader.load();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('applies the policy alarms and idle interval at start', async () => {
    const idle = stubIdle();
    await fakeBrowser.storage.managed.set({ idleSeconds: 120, uploadIntervalMinutes: 30 });
    await createAgent(testEnv().env).start();
    expect(idle.setDetectionInterval).toHaveBeenCalledWith(120);
    expect((await fakeBrowser.alarms.get('tick'))?.periodInMinutes).toBe(1);
    expect((await fakeBrowser.alarms.get('upload'))?.periodInMinutes).toBe(30);
  });
});
