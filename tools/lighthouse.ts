// `npm run lighthouse`: Lighthouse's phone profile (simulated slow 4G and a mid-range phone, as PageSpeed Insights)
// in headless Debian Chromium on the login page and on the overview of the demo company, signed in. Starts its own
// Seatwise on a random loopback port with a fresh demo database, and stops it and Chromium however the run ends.
// Needs a built dashboard (`npm run build:dashboard`). `npm run bench` prints the same figures in its run.
// SEATWISE_LIGHTHOUSE_RUNS=<n> runs each page n times (3 by default; the median run is printed);
// SEATWISE_LIGHTHOUSE_JSON=<dir> keeps every run's full Lighthouse result there (login-1.json, overview-1.json ...).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
/** The demo company's admin (server/main.ts). */
const DEMO_ADMIN = { email: 'admin@demo.seatwise.dev', password: 'seatwise-demo-admin' };
export const PERFORMANCE_TARGET = 90;
/** Scores vary from run to run with the machine's load: each page is measured this many times, the median kept. */
const RUNS = Number(process.env.SEATWISE_LIGHTHOUSE_RUNS ?? 3);

export type PageFigures = {
  page: string;
  performance: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  scriptBytes: number;
  totalBytes: number;
  /** How many runs the median is of. */
  runs: number;
};

/** Starts `node server/main.ts --demo` on its own database file; resolves with its URL once it listens. */
async function startDemo(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'demo.db')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Seatwise did not listen within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Seatwise exited with ${code}:\n${output}`));
    });
  });
  return { url, child };
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await gone;
}

async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookie.length === 0) throw new Error('sign-in set no cookie');
  return cookie.join('; ');
}

type Audits = Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;

function figuresOf(page: string, lhr: { categories: { performance?: { score: number | null } }; audits: Audits }) {
  const resources = lhr.audits['resource-summary']?.details?.items ?? [];
  const bytesOf = (type: string) => Number(resources.find((r) => r.resourceType === type)?.transferSize ?? 0);
  return {
    page,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? Number.NaN,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    scriptBytes: bytesOf('script'),
    totalBytes: bytesOf('total'),
    runs: 1,
  } satisfies PageFigures;
}

/**
 * One Lighthouse run. On a loaded machine Chromium's trace sometimes misses the navigation's start (NO_NAVSTART,
 * "please run Lighthouse again"): such a run is tried again, twice at most.
 */
async function audit(url: string, port: number, headers: Record<string, string>, page: string) {
  for (let attempt = 1; ; attempt += 1) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      extraHeaders: headers,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const error = result.lhr.runtimeError;
    if (!error) return result;
    if (attempt === 3 || error.code !== 'NO_NAVSTART') throw new Error(`Lighthouse on ${page}: ${error.message}`);
    console.error(`Lighthouse on ${page}: ${error.code}, running again`);
  }
}

/** Runs Lighthouse on the login page (signed out) and the overview (signed in), one after the other. */
export async function measurePages(): Promise<PageFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-lighthouse-'));
  let server: ChildProcess | undefined;
  let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
  try {
    const demo = await startDemo(dir);
    server = demo.child;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: join(dir, 'chromium'),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    const port = Number(new URL(browser.wsEndpoint()).port);
    const cookie = await sessionCookie(demo.url);
    const pages: { page: string; url: string; headers: Record<string, string> }[] = [
      { page: 'login', url: `${demo.url}/`, headers: {} },
      // The empty path is the overview once signed in.
      { page: 'overview', url: `${demo.url}/`, headers: { Cookie: cookie } },
    ];
    const figures: PageFigures[] = [];
    for (const { page, url, headers } of pages) {
      const runs: PageFigures[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const result = await audit(url, port, headers, page);
        if (process.env.SEATWISE_LIGHTHOUSE_JSON) {
          writeFileSync(join(process.env.SEATWISE_LIGHTHOUSE_JSON, `${page}-${run}.json`), JSON.stringify(result.lhr));
        }
        runs.push(figuresOf(page, result.lhr as unknown as Parameters<typeof figuresOf>[1]));
      }
      // The run with the median score, as Lighthouse's own advice on variance has it.
      figures.push({
        ...runs.sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)]!,
        runs: runs.length,
      });
    }
    return figures;
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line a page, the score beside its target. */
export function describeFigures(figures: PageFigures[]): string[] {
  return figures.map(
    (f) =>
      `  ${f.page.padEnd(9)} performance ${String(f.performance).padStart(3)} (target >= ${PERFORMANCE_TARGET})  ` +
      `FCP ${seconds(f.fcpMs)}  LCP ${seconds(f.lcpMs)}  TBT ${Math.round(f.tbtMs)} ms  ` +
      `JS ${kB(f.scriptBytes)} of ${kB(f.totalBytes)} transferred (median of ${f.runs} runs)`,
  );
}

export const LIGHTHOUSE_HEADING = 'lighthouse, phone profile (Lighthouse 12.2.3, Debian Chromium, demo company):';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measurePages()
    .then((figures) => {
      console.log(LIGHTHOUSE_HEADING);
      for (const line of describeFigures(figures)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
