// Turns browser events and queries into tracker events, keeping only hostnames from tabs.
import type { Browser } from 'wxt/browser';
import type { BrowserApi } from './agent-env';
import { type IdleState, type TabView, type TrackerEvent, WINDOW_ID_NONE, type WindowView } from './attention-tracker';
import { hostOf } from './catalog-match';

type Tab = Browser.tabs.Tab;

export function tabView(tab: Pick<Tab, 'id' | 'url' | 'audible'>): TabView {
  return { tabId: tab.id ?? -1, host: hostOf(tab.url), audible: tab.audible === true };
}

/** The whole picture at worker start: events missed while the worker was gone are made good here. */
export async function snapshotEvent(browser: BrowserApi, idleSeconds: number): Promise<TrackerEvent> {
  const [all, idle] = await Promise.all([browser.windows.getAll({ populate: true }), queryIdle(browser, idleSeconds)]);
  const windows: Record<string, WindowView> = {};
  let focusedWindowId = WINDOW_ID_NONE;
  for (const window of all) {
    if (window.id === undefined) continue;
    const active = window.tabs?.find((tab) => tab.active);
    windows[String(window.id)] = {
      incognito: window.incognito,
      normal: (window.type ?? 'normal') === 'normal',
      tab: active ? tabView(active) : null,
    };
    if (window.focused) focusedWindowId = window.id;
  }
  return { type: 'snapshot', focusedWindowId, windows, idle };
}

export async function focusEvent(browser: BrowserApi, windowId: number): Promise<TrackerEvent> {
  if (windowId === WINDOW_ID_NONE) return { type: 'focus', windowId };
  try {
    const window = await browser.windows.get(windowId, { populate: true });
    const active = window.tabs?.find((tab) => tab.active);
    return {
      type: 'focus',
      windowId,
      window: { incognito: window.incognito, normal: (window.type ?? 'normal') === 'normal' },
      tab: active ? tabView(active) : null,
    };
  } catch {
    // The window closed before we asked: focus moved, but we know nothing else about it.
    return { type: 'focus', windowId };
  }
}

export async function activateEvent(
  browser: BrowserApi,
  info: { tabId: number; windowId: number },
): Promise<TrackerEvent> {
  try {
    const tab = await browser.tabs.get(info.tabId);
    return { type: 'activate', windowId: info.windowId, tab: tabView(tab), incognito: tab.incognito };
  } catch {
    return { type: 'activate', windowId: info.windowId, tab: { tabId: info.tabId, host: null, audible: false } };
  }
}

/** Only URL and audible changes matter; other updates (title, favicon, loading) return null and cost no write. */
export function updateEvent(
  tabId: number,
  change: { url?: string; audible?: boolean },
  tab: Pick<Tab, 'windowId' | 'active'>,
): TrackerEvent | null {
  if (!tab.active || (change.url === undefined && change.audible === undefined)) return null;
  return {
    type: 'update',
    windowId: tab.windowId,
    tabId,
    ...(change.url !== undefined ? { host: hostOf(change.url) } : {}),
    ...(change.audible !== undefined ? { audible: change.audible } : {}),
  };
}

export function removeEvent(tabId: number, info: { windowId: number; isWindowClosing: boolean }): TrackerEvent {
  return { type: 'remove', windowId: info.windowId, tabId, windowClosing: info.isWindowClosing };
}

async function queryIdle(browser: BrowserApi, idleSeconds: number): Promise<IdleState> {
  try {
    return (await browser.idle.queryState(idleSeconds)) as IdleState;
  } catch {
    return 'active';
  }
}
