// The toolbar button says at a glance whether time is being measured now: its icon and tooltip follow the tracker and
// the connection, and are set again only when what they say changes.
import type { AgentEnv } from './agent-env';
import type { IdleState, TrackerState } from './attention-tracker';
import type { ConnectionState } from './messages';
import * as store from './storage-items';
import { type ToolbarState, toolbarIconPaths } from './toolbar-icons';

export type ToolbarFacts = {
  /** Null until the first configuration read of this worker. */
  connection: ConnectionState | null;
  /** The name of the app whose time is counting now. */
  countingApp: string | null;
  idle: IdleState;
};
export type ToolbarView = { state: ToolbarState; title: string };

/** A problem outranks everything: IT must see it even while time is counted locally. */
export function toolbarView({ connection, countingApp, idle }: ToolbarFacts): ToolbarView {
  if (connection === 'not_configured') {
    return {
      state: 'problem',
      title: 'Seatwise is not set up on this browser yet, so nothing is sent. Ask your IT team.',
    };
  }
  if (connection === 'failing') {
    return {
      state: 'problem',
      title: "Seatwise cannot reach your company's server. Measured time is kept and sent when it can.",
    };
  }
  if (countingApp) return { state: 'measuring', title: `Seatwise is measuring your time on ${countingApp}.` };
  if (idle === 'locked') return { state: 'paused', title: 'Seatwise is paused while the screen is locked.' };
  if (idle === 'idle') return { state: 'paused', title: 'Seatwise is paused while you are away.' };
  return { state: 'ready', title: 'Seatwise measures nothing in this tab: it is not one of your company apps.' };
}

type Button = {
  setIcon(details: { path: Record<string, string> }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
};

/** Chrome's MV3 `action`, Firefox's MV2 `browserAction`: the polyfill bridges promises, not the rename. */
function buttonOf(browser: AgentEnv['browser']): Button | null {
  const api = browser as unknown as { action?: Button; browserAction?: Button };
  return api.action ?? api.browserAction ?? null;
}

export function createToolbar(env: Pick<AgentEnv, 'browser'>) {
  const facts: ToolbarFacts = { connection: null, countingApp: null, idle: 'active' };
  let countingAppId: string | null = null;
  let shown: string | null = null;

  const appName = async (appId: string) =>
    (await store.catalog.getValue())?.apps.find((app) => app.id === appId)?.name ?? appId;

  const show = async () => {
    const view = toolbarView(facts);
    const key = `${view.state}\n${view.title}`;
    const button = buttonOf(env.browser);
    if (key === shown || !button) return;
    shown = key;
    try {
      await Promise.all([
        button.setIcon({ path: toolbarIconPaths(view.state) }),
        button.setTitle({ title: view.title }),
      ]);
    } catch (error) {
      shown = null; // try again at the next change
      console.error('seatwise: could not update the toolbar button:', error);
    }
  };

  return {
    /** Takes what changed (the tracker after an event, the connection after an upload) and shows the result once. */
    async update(change: { tracker?: TrackerState; connection?: ConnectionState }) {
      if (change.connection) facts.connection = change.connection;
      if (change.tracker) {
        const appId = change.tracker.open?.appId ?? null;
        if (appId !== countingAppId) {
          countingAppId = appId;
          facts.countingApp = appId ? await appName(appId) : null;
        }
        facts.idle = change.tracker.idle;
      }
      await show();
    },
  };
}

export type Toolbar = ReturnType<typeof createToolbar>;
