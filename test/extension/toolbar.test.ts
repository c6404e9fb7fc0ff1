// The toolbar button's state: which icon and tooltip each mix of connection, counting and idle shows, and that the
// agent sets them as they change (through `action` in Chrome, `browserAction` in Firefox's MV2 build).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAgent } from '../../extension/lib/agent';
import * as store from '../../extension/lib/storage-items';
import { type ToolbarFacts, toolbarView } from '../../extension/lib/toolbar';
import { toolbarIconPaths } from '../../extension/lib/toolbar-icons';
import { showTab, startDeviceServer, stubIdle, testEnv } from './support';

describe('toolbarView', () => {
  it.each<[string, ToolbarFacts, string, RegExp]>([
    ['not set up', { connection: 'not_configured', countingApp: 'Slack', idle: 'active' }, 'problem', /not set up/],
    ['uploads failing', { connection: 'failing', countingApp: 'Slack', idle: 'active' }, 'problem', /cannot reach/],
    ['counting', { connection: 'connected', countingApp: 'Slack', idle: 'active' }, 'measuring', /on Slack\.$/],
    ['first upload pending', { connection: 'connecting', countingApp: 'Slack', idle: 'active' }, 'measuring', /Slack/],
    ['a call playing while idle', { connection: 'connected', countingApp: 'Zoom', idle: 'idle' }, 'measuring', /Zoom/],
    ['away', { connection: 'connected', countingApp: null, idle: 'idle' }, 'paused', /while you are away/],
    ['locked', { connection: 'connected', countingApp: null, idle: 'locked' }, 'paused', /screen is locked/],
    ['another site', { connection: 'connected', countingApp: null, idle: 'active' }, 'ready', /measures nothing/],
    ['before the first config read', { connection: null, countingApp: null, idle: 'active' }, 'ready', /nothing/],
  ])('%s: %s', (_name, facts, state, title) => {
    const view = toolbarView(facts);
    expect(view.state).toBe(state);
    expect(view.title).toMatch(title);
  });
});

type DeviceServer = Awaited<ReturnType<typeof startDeviceServer>>;

describe('the agent sets the toolbar button', () => {
  let server: DeviceServer;
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    server = await startDeviceServer();
  });
  afterEach(() => server.close());

  const configure = () =>
    store.optionsConfig.setValue({
      serverUrl: server.url,
      enrollmentToken: 'good-token',
      userEmail: 'ann@example.com',
    });
  const lastIcon = (setIcon: { mock: { calls: unknown[][] } }) => setIcon.mock.calls.at(-1)?.[0];

  it('as time counts, pauses when idle and shows a problem when uploads fail', async () => {
    stubIdle();
    showTab('https://acme.slack.com/');
    await configure();
    const { env, clock } = testEnv();
    const setIcon = vi.mocked(fakeBrowser.action.setIcon);
    const agent = createAgent(env);
    await agent.start();
    expect(lastIcon(setIcon)).toEqual({ path: toolbarIconPaths('measuring') });
    expect(await fakeBrowser.action.getTitle({})).toBe('Seatwise is measuring your time on Slack.');

    const calls = setIcon.mock.calls.length;
    clock.now += 60_000;
    await agent.onAlarm('tick');
    expect(setIcon.mock.calls.length, 'an unchanged state is not set again').toBe(calls);

    await agent.onIdleChanged('idle');
    expect(lastIcon(setIcon)).toEqual({ path: toolbarIconPaths('paused') });
    expect(await fakeBrowser.action.getTitle({})).toBe('Seatwise is paused while you are away.');

    await agent.onIdleChanged('active');
    server.state.mode = 'fail';
    clock.now += 60_000;
    await agent.handleMessage({ type: 'upload-now' });
    expect(lastIcon(setIcon)).toEqual({ path: toolbarIconPaths('problem') });
    expect(await fakeBrowser.action.getTitle({})).toMatch(/cannot reach your company's server/);

    server.state.mode = 'ok';
    await agent.handleMessage({ type: 'upload-now' });
    expect(lastIcon(setIcon)).toEqual({ path: toolbarIconPaths('measuring') });
  });

  it('says a browser that is not set up has a problem', async () => {
    stubIdle();
    showTab('https://www.example.org/');
    const { env } = testEnv();
    await createAgent(env).start();
    expect(lastIcon(vi.mocked(fakeBrowser.action.setIcon))).toEqual({ path: toolbarIconPaths('problem') });
    expect(await fakeBrowser.action.getTitle({})).toMatch(/not set up on this browser/);
  });

  it("uses Firefox's browserAction where there is no action", async () => {
    stubIdle();
    showTab('https://acme.slack.com/');
    await configure();
    const { env } = testEnv();
    const browserAction = { setIcon: vi.fn(async () => undefined), setTitle: vi.fn(async () => undefined) };
    const firefoxLike = { ...env.browser, action: undefined, browserAction } as unknown as typeof env.browser;
    await createAgent({ ...env, browser: firefoxLike }).start();
    expect(browserAction.setIcon).toHaveBeenLastCalledWith({ path: toolbarIconPaths('measuring') });
    expect(browserAction.setTitle).toHaveBeenLastCalledWith({ title: 'Seatwise is measuring your time on Slack.' });
  });
});
