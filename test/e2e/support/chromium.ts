// Launches Debian's Chromium, headed on a virtual display, with the built Seatwise extension loaded.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { markedEnv } from './child-marker.ts';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../dist/extension/chrome-mv3');
const CHROMIUM = '/usr/bin/chromium';

export type ExtensionBrowser = {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close: () => Promise<void>;
};

export async function launchWithExtension(options: {
  display: string;
  hostMap: string[];
  /** Further Chromium flags, appended after the ones every test needs. */
  extraArgs?: string[];
}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`the extension is not built at ${EXTENSION_DIR}: run \`npm run build:extension\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing: apt-get install -y chromium');
  const userDataDir = mkdtempSync(join(tmpdir(), 'seatwise-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreHTTPSErrors: true,
    viewport: { width: 1200, height: 800 },
    env: markedEnv({ DISPLAY: options.display }),
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${options.hostMap.join(', ')}`,
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
