// Real Firefox ESR with the built add-on, driven over WebDriver BiDi by puppeteer-core: the add-on is installed as a
// temporary add-on, configured by the machine's policies.json (3rdparty, as IT deploys it), and every https page
// it opens goes through a local proxy to the stand-in SaaS sites, so it sees real host names on a closed network.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { markedEnv } from './child-marker.ts';

const FIREFOX = '/usr/bin/firefox-esr';
/** Where Debian's Firefox ESR reads enterprise policy; machine-wide, so only one test may hold it at a time. */
export const FIREFOX_POLICIES = '/usr/lib/firefox-esr/distribution/policies.json';
export const FIREFOX_ADDON_ID = 'extension@seatwise.dev';
const ADDON_DIR = resolve(import.meta.dirname, '../../../dist/extension/firefox-mv2');

export type FirefoxWithAddon = {
  browser: Browser;
  proxy: { port: number; tunnels: string[] };
  close: () => Promise<void>;
};

/**
 * An HTTP proxy that answers CONNECT for the allowed hosts by tunnelling to the local HTTPS stand-in, and refuses
 * everything else, so Firefox's own background traffic reaches nothing.
 */
async function startProxy(
  sitesPort: number,
  allowed: RegExp,
): Promise<{ server: Server; port: number; tunnels: string[]; sockets: Set<Socket> }> {
  const tunnels: string[] = [];
  // CONNECT sockets leave the HTTP server's own bookkeeping, so closeAllConnections() does not reach them.
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket, head) => {
    const host = (req.url ?? '').split(':')[0]!;
    if (!allowed.test(host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push(host);
    sockets.add(socket as Socket);
    socket.on('close', () => sockets.delete(socket as Socket));
    const upstream = connect(sitesPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', drop);
    socket.on('error', drop);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, tunnels, sockets };
}

/**
 * A policy file these tests wrote and a killed run left behind: nothing but the add-on's settings, pointing at a
 * loopback server. Anything else is the machine's own policy and is never touched.
 */
function isLeftTestPolicy(text: string): boolean {
  try {
    const { policies } = JSON.parse(text) as { policies?: Record<string, unknown> };
    const thirdParty = policies?.['3rdparty'] as { Extensions?: Record<string, { serverUrl?: unknown }> } | undefined;
    const extensions = Object.keys(thirdParty?.Extensions ?? {});
    const serverUrl = thirdParty?.Extensions?.[FIREFOX_ADDON_ID]?.serverUrl;
    return (
      Object.keys(policies ?? {}).join() === '3rdparty' &&
      extensions.join() === FIREFOX_ADDON_ID &&
      typeof serverUrl === 'string' &&
      new URL(serverUrl).hostname === '127.0.0.1'
    );
  } catch {
    return false;
  }
}

/** The add-on's managed settings as IT writes them into policies.json. */
export function writeFirefoxPolicy(settings: Record<string, unknown>): void {
  if (existsSync(FIREFOX_POLICIES)) {
    if (!isLeftTestPolicy(readFileSync(FIREFOX_POLICIES, 'utf8')))
      throw new Error(`${FIREFOX_POLICIES} exists already; this test will not overwrite a machine's Firefox policy`);
    console.warn(`[e2e] replacing a Seatwise test policy an earlier run left in ${FIREFOX_POLICIES}`);
  }
  const policy = { policies: { '3rdparty': { Extensions: { [FIREFOX_ADDON_ID]: settings } } } };
  writeFileSync(FIREFOX_POLICIES, JSON.stringify(policy, null, 2));
}

const CLOSE_GRACE_MS = 15_000;

/**
 * Asks Firefox to quit over WebDriver BiDi, and kills it when it has not gone within the grace time: a quit that
 * never answers must not hold the suite (and the machine's policy file) past its hook timeout.
 */
async function closeBounded(browser: Browser): Promise<void> {
  const child = browser.process();
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    browser.close().then(
      () => true,
      () => false,
    ),
    new Promise<false>((done) => {
      timer = setTimeout(() => done(false), CLOSE_GRACE_MS);
    }),
  ]);
  clearTimeout(timer);
  if (gone || child === null || child.exitCode !== null || child.signalCode !== null) return;
  console.warn(`[e2e] Firefox did not quit within ${CLOSE_GRACE_MS / 1000} s; killing it`);
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

/** `display` runs Firefox headed on that X display (idle is read from the X server there); else headless. */
export async function launchFirefoxWithAddon(options: {
  sitesPort: number;
  hosts: RegExp;
  display?: string;
}): Promise<FirefoxWithAddon> {
  if (!existsSync(FIREFOX)) throw new Error('Firefox ESR is missing: apt-get install -y firefox-esr');
  if (!existsSync(join(ADDON_DIR, 'manifest.json')))
    throw new Error('the Firefox build is missing: run `npm run build:extension` first');
  const proxy = await startProxy(options.sitesPort, options.hosts);
  const profile = mkdtempSync(join(tmpdir(), 'seatwise-firefox-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: options.display === undefined,
      userDataDir: profile,
      acceptInsecureCerts: true,
      env: options.display === undefined ? markedEnv() : markedEnv({ DISPLAY: options.display }),
      extraPrefsFirefox: {
        // A temporary add-on from the build folder is not signed by Mozilla.
        'xpinstall.signatures.required': false,
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        // The Seatwise server itself is reached directly.
        'network.proxy.no_proxies_on': '127.0.0.1',
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
      },
    });
    await browser.installExtension(ADDON_DIR);
  } catch (error) {
    if (browser) await closeBounded(browser);
    for (const socket of proxy.sockets) socket.destroy();
    proxy.server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const started = browser;
  return {
    browser: started,
    proxy: { port: proxy.port, tunnels: proxy.tunnels },
    close: async () => {
      await closeBounded(started);
      for (const socket of proxy.sockets) socket.destroy();
      proxy.server.closeAllConnections();
      await new Promise((done) => proxy.server.close(done));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
