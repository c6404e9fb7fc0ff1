// One e2e scenario's world: a display, the Seatwise server, local SaaS sites and Chromium with the extension, plus
// probes into the extension's stored state (read from its service worker, so no tab or focus changes).
import type { BrowserContext, Worker } from 'playwright-core';
import { waitFor } from '../../support/wait-for.ts';
import { type ApiClient, signIn } from './api-client.ts';
import { type ExtensionBrowser, launchWithExtension } from './chromium.ts';
import { type SaasSites, startSaasSites } from './saas-sites.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './seatwise-process.ts';
import { type Display, ensureDisplay } from './xvfb.ts';

/** The extension APIs inside the service worker, where evaluate() callbacks run. */
declare const chrome: any;

export type Session = {
  display: Display;
  seatwise: SeatwiseProcess;
  sites: SaasSites;
  browser: ExtensionBrowser;
  api: ApiClient;
  enrollmentToken: string;
  close: () => Promise<void>;
};

/** Hosts the scenarios browse: Slack is in the server's default catalog, example.org is not. */
export const APP_URL = 'https://acme.slack.com/client';
export const OTHER_URL = 'https://www.example.org/';

export async function startSession(
  options: {
    extraArgs?: string[];
    beforeLaunch?: (s: { seatwise: SeatwiseProcess; enrollmentToken: string }) => Promise<void>;
  } = {},
): Promise<Session> {
  // Whatever started is stopped again if a later step fails, so a failed start leaves nothing running.
  const started: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
  };
  let session: Session | undefined;
  try {
    const display = await ensureDisplay();
    started.push(display.stop);
    const seatwise = await startSeatwise();
    started.push(() => (session?.seatwise ?? seatwise).stop());
    const sites = await startSaasSites();
    started.push(sites.stop);
    const api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
    const { token: enrollmentToken } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'e2e' });
    // A test may replace session.seatwise (a restart on the same database): close stops the current one.
    session = {
      display,
      seatwise,
      sites,
      browser: undefined as unknown as ExtensionBrowser,
      api,
      enrollmentToken,
      close: stopAll,
    };
    await options.beforeLaunch?.({ seatwise, enrollmentToken });
    session.browser = await launchWithExtension({
      display: display.display,
      hostMap: [`MAP *.slack.com 127.0.0.1:${sites.port}`, `MAP www.example.org 127.0.0.1:${sites.port}`],
      extraArgs: options.extraArgs,
    });
    started.push(session.browser.close);
    return session;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The extension's service worker once it answers. Playwright keeps the handle of a stopped worker, whose evaluate()
 * then hangs until an event starts the worker again, so each try is bounded.
 */
export async function liveWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  return waitFor(
    'the extension service worker to answer',
    async () => {
      const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (!worker) return null;
      const answer = await Promise.race([
        worker.evaluate(() => true).catch(() => false),
        new Promise<false>((done) => setTimeout(() => done(false), 2_000)),
      ]);
      return answer ? worker : null;
    },
    { timeoutMs: 15_000 },
  );
}

export async function readStorage<T = unknown>(session: Session, key: string): Promise<T | undefined> {
  const worker = await liveWorker(session.browser.context, session.browser.extensionId);
  return worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T | undefined>;
}

/**
 * Configures the extension the way the options page does (storage.local `config`) and waits until it has
 * enrolled and holds the catalog. `idleSeconds` 3600 keeps idleness out of scenarios that are not about it:
 * nothing types on the virtual display, so X reports the machine idle from the moment Xvfb started.
 */
export async function configureAndConnect(
  session: Session,
  config: { userEmail: string; idleSeconds?: number },
): Promise<void> {
  const worker = await liveWorker(session.browser.context, session.browser.extensionId);
  const value = {
    serverUrl: session.seatwise.url,
    enrollmentToken: session.enrollmentToken,
    idleSeconds: 3600,
    ...config,
  };
  await worker.evaluate(async (v) => chrome.storage.local.set({ config: v }), value);
  await waitForConnected(session);
}

export async function waitForConnected(session: Session): Promise<void> {
  await waitFor(
    'the extension to enroll and download the catalog',
    async () => {
      const [device, catalog] = await Promise.all([
        readStorage(session, 'device'),
        readStorage<{ apps: unknown[] }>(session, 'catalog'),
      ]);
      return !!device && (catalog?.apps.length ?? 0) > 0;
    },
    { timeoutMs: 30_000 },
  );
}

type StoredTotals = Record<string, { activeMs: number; visits: number }>;

/** Seconds the extension holds for an app, summed over days, as it would upload them (whole seconds per day). */
export async function measuredSeconds(session: Session, appId: string): Promise<number> {
  const totals = (await readStorage<StoredTotals>(session, 'totals')) ?? {};
  return Object.entries(totals)
    .filter(([key]) => key.endsWith(`|${appId}`))
    .reduce((sum, [, total]) => sum + Math.floor(total.activeMs / 1000), 0);
}

/** The app the tracker is counting right now (null when nothing counts). */
export async function countingApp(session: Session): Promise<string | null> {
  const tracker = await readStorage<{ open: { appId: string } | null }>(session, 'tracker');
  return tracker?.open?.appId ?? null;
}

/** Real time passing is what these scenarios measure, so here a test does sleep. */
export const spend = (seconds: number) => new Promise((done) => setTimeout(done, seconds * 1000));

/** Server-side active seconds for a person and app, summed over days and devices. */
export async function serverSeconds(session: Session, email: string, appId: string): Promise<number> {
  const rows = await session.api.get<{ appId: string; activeSeconds: number }[]>(
    `/api/v1/usage?email=${encodeURIComponent(email)}`,
  );
  return rows.filter((row) => row.appId === appId).reduce((sum, row) => sum + row.activeSeconds, 0);
}
