// A real Seatwise process for benches, on 127.0.0.1, so the load generator does not share its event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The server's longest event-loop delay in each 100 ms, by wall-clock time (ms since the epoch). */
export type LoopDelays = { at: number; ms: number }[];

/** The longest loop delay of the windows that overlap `from`..`to`. */
export const longestDelay = (delays: LoopDelays, from: number, to: number) =>
  Math.max(0, ...delays.filter((d) => d.at >= from && d.at - 100 <= to).map((d) => d.ms));

/**
 * Starts `npm start`'s server on the file; resolves once it listens. With `loopDelays`, the server reports its event
 * loop's delays (test/bench/loop-delay-probe.mjs) into `delays`.
 */
export async function startServer(
  dbFile: string,
  { loopDelays = false }: { loopDelays?: boolean } = {},
): Promise<{ url: string; child: ChildProcess; delays: LoopDelays }> {
  const port = await freePort();
  // SEATWISE_BENCH_PROFILE=<dir> writes the server's CPU profile there.
  const profile = process.env.SEATWISE_BENCH_PROFILE;
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const probe = loopDelays ? ['--import', './test/bench/loop-delay-probe.mjs'] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', ...probe, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error('the bench server did not start within 60 s')), 60_000);
    child.once('exit', (code) => failed(new Error(`the bench server exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('[seatwise] listening')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  const delays: LoopDelays = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const [, at, ms] = /^\[loop-delay\] (\d+) ([\d.]+)$/.exec(line) ?? [];
      if (at && ms) delays.push({ at: Number(at), ms: Number(ms) });
    }
  });
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`[bench] the server exited by itself: code ${code}, signal ${signal}`);
  });
  return { url: `http://127.0.0.1:${port}`, child, delays };
}

/**
 * Resolves once the server's event loop has been quiet (every 100 ms window's longest delay under 10 ms) for a
 * second, `delays` being what `startServer` gathers with `loopDelays`: a server just started is still loading its
 * import thread, running the jobs due at start and warming its reconciliation figures, and a load sent then measures
 * the start. Gives up after 60 s and logs so.
 */
export async function waitUntilQuiet(delays: LoopDelays, log: (line: string) => void) {
  const deadline = Date.now() + 60_000;
  const quiet = () => {
    const last = delays.slice(-10);
    return last.length === 10 && last.every((d) => d.ms < 10);
  };
  while (!quiet()) {
    if (Date.now() > deadline) {
      log('  (the server was not quiet a minute after it started: the figures below include its own start)');
      return;
    }
    await new Promise((next) => setTimeout(next, 50));
  }
}

const stopping = new WeakSet<ChildProcess>();

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(killer);
}
