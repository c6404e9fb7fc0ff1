// Wires browser events, alarms and messages to the agent; listeners are added synchronously so a waking event is not
// missed.
import { createAgent } from '../lib/agent';
import { browserNameOf } from '../lib/agent-env';
import { localCalendar } from '../lib/calendar';

export default defineBackground(() => {
  const agent = createAgent({
    browser,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    calendar: localCalendar,
    browserName: browserNameOf(import.meta.env.BROWSER, navigator.userAgent),
    extensionVersion: browser.runtime.getManifest().version,
  });
  const report = (job: Promise<unknown>) => job.catch((error: unknown) => console.error('seatwise:', error));

  browser.tabs.onActivated.addListener((info) => report(agent.onTabActivated(info)));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => report(agent.onTabUpdated(tabId, change, tab)));
  browser.tabs.onRemoved.addListener((tabId, info) => report(agent.onTabRemoved(tabId, info)));
  browser.windows.onFocusChanged.addListener((windowId) => report(agent.onFocusChanged(windowId)));
  browser.idle.onStateChanged.addListener((state) => report(agent.onIdleChanged(state)));
  browser.alarms.onAlarm.addListener((alarm) => report(agent.onAlarm(alarm.name)));
  browser.storage.onChanged.addListener((changes, area) => report(agent.onStorageChanged(changes, area)));
  // The polyfill sends the settled promise as the reply in Chrome too; a failure is logged and rejects the sender.
  browser.runtime.onMessage.addListener((message) => {
    const reply = agent.handleMessage(message);
    report(reply);
    return reply;
  });
  report(agent.start());
});
