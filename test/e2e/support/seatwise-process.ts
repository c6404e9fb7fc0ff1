// Runs the real Seatwise server as `node server/main.ts` on a random loopback port with its own database file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { waitFor } from '../../support/wait-for.ts';
import { markedEnv } from './child-marker.ts';

export const E2E_ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export type SeatwiseProcess = {
  url: string;
  dbPath: string;
  output: () => string;
  /** `keepData` leaves the database for a restart on the same file (see `reuse`). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
  /** Kills the process at once (SIGKILL, as a crash or an OOM kill would), keeping its database. */
  kill: () => Promise<void>;
};

/**
 * `reuse` restarts a server on a database and port kept by an earlier `stop({ keepData: true })`; `args` go to
 * server/main.ts (e.g. `--demo`, which seeds the demo company into this test's own database).
 */
export async function startSeatwise(
  extraEnv: Record<string, string> = {},
  reuse?: { dbPath: string; port: number },
  args: string[] = [],
): Promise<SeatwiseProcess> {
  const dir = reuse ? dirname(reuse.dbPath) : mkdtempSync(join(tmpdir(), 'seatwise-e2e-'));
  const dbPath = reuse?.dbPath ?? join(dir, 'seatwise.db');
  const root = resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: markedEnv({
      PORT: String(reuse?.port ?? 0),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dbPath}`,
      SEATWISE_ADMIN_EMAIL: E2E_ADMIN.email,
      SEATWISE_ADMIN_PASSWORD: E2E_ADMIN.password,
      ...extraEnv,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exitCode: number | null = null;
  let closed = false;
  child.on('exit', (code) => (exitCode = code ?? -1));
  // 'close' comes after the output streams have ended, so the output is whole by then.
  child.on('close', () => (closed = true));

  let url: string | undefined;
  try {
    url = await waitFor(
      'the Seatwise server to listen',
      () => (closed ? 'exited' : output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1]),
      { timeoutMs: 30_000 },
    );
    if (url === 'exited') throw new Error(`server exited with ${exitCode}:\n${output}`);
  } catch (error) {
    // A server that never listened is stopped here: the caller has nothing to stop.
    if (!closed) {
      const gone = new Promise((done) => child.once('close', done));
      child.kill('SIGKILL');
      await gone;
    }
    if (!reuse) rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    dbPath,
    output: () => output,
    stop: async ({ keepData = false } = {}) => {
      if (exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
    kill: async () => {
      if (closed) return;
      const gone = new Promise((done) => child.once('close', done));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
