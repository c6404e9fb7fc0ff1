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

/** Starts `npm start`'s server on the file; resolves once it listens. */
export async function startServer(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // SEATWISE_BENCH_PROFILE=<dir> writes the server's CPU profile there.
  const profile = process.env.SEATWISE_BENCH_PROFILE;
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'server/main.ts'], {
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
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`[bench] the server exited by itself: code ${code}, signal ${signal}`);
  });
  return { url: `http://127.0.0.1:${port}`, child };
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
