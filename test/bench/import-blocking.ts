// How long a large HR import holds other requests up (issue 16 item 2): a 50,000-row HR export is imported over HTTP
// into a server that already knows 10,000 people, while one reader after another asks for /healthz. The longest
// /healthz answer during the import is the longest time the import kept the event loop from other requests.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken, newSecretToken } from '../../server/auth/secret-token.ts';
import { type LoopDelays, longestDelay, startServer, stopServer, waitUntilQuiet } from './bench-server.ts';
import { databaseWithDevices } from './fleet-devices.ts';
import { percentile } from './fleet-ingest.ts';

const HR_ROWS = 50_000;
const KNOWN_PEOPLE = 10_000;
const TARGET_MS = 50;

function hrExport() {
  const lines = ['email,name,department,location,status'];
  for (let i = 0; i < HR_ROWS; i += 1)
    lines.push(`person${i}@bench.example,Person ${i},Dept ${i % 40},Site ${i % 7},${i % 50 === 0 ? 'left' : 'active'}`);
  return `${lines.join('\n')}\n`;
}

/** Resolves once the server has reported a window ending after `at` (a few hundred ms at most). */
async function waitForReport(delays: LoopDelays, at: number) {
  const deadline = Date.now() + 5_000;
  while (!delays.some((d) => d.at > at + 100)) {
    if (Date.now() > deadline) throw new Error('the server stopped reporting its event-loop delay');
    await new Promise((next) => setTimeout(next, 20));
  }
}

/** POSTs the file as text/csv with curl; resolves on a 200, rejects with the reply otherwise. */
function sendWithCurl(url: string, token: string, file: string): Promise<void> {
  return new Promise((done, failed) => {
    const curl = spawn('curl', [
      '-sS',
      '-w',
      '\\n%{http_code}',
      '-H',
      `authorization: Bearer ${token}`,
      '-H',
      'content-type: text/csv',
      '--data-binary',
      `@${file}`,
      url,
    ]);
    let out = '';
    curl.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    curl.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    curl.on('error', failed);
    curl.on('close', (code) => {
      const status = out.trim().split('\n').at(-1);
      if (code === 0 && status === '200') done();
      else failed(new Error(`the import failed: curl exit ${code}, ${out.slice(0, 500)}`));
    });
  });
}

export async function importBlockingBench(log: (line: string) => void, dir: string) {
  const people = Array.from({ length: KNOWN_PEOPLE }, (_, i) => ({
    email: `person${i}@bench.example`,
    department: 'Old',
  }));
  const { db } = await databaseWithDevices(dir, 'import.db', people);
  const token = newSecretToken('api');
  await db.$client.execute({
    sql: "insert into api_tokens (name, role, token_hash) values ('bench import', 'admin', ?)",
    args: [hashToken(token)],
  });
  db.$client.close();
  const { url, child, delays } = await startServer(join(dir, 'import.db'), { loopDelays: true });
  try {
    // The export is sent by curl, a process of its own: sent from this one, the 3 MB body's writes and garbage
    // would delay this process's own /healthz reads and be counted as the server's.
    const body = hrExport();
    const file = join(dir, 'hr-export.csv');
    writeFileSync(file, body);
    await waitUntilQuiet(delays, log);
    const started = performance.now();
    const startedAt = Date.now();
    const imported = sendWithCurl(`${url}/api/v1/people/import?mode=merge`, token, file).then(() => {
      return performance.now() - started;
    });
    let finished = false;
    void imported.finally(() => {
      finished = true;
    });
    const waits: number[] = [];
    while (!finished) {
      const asked = performance.now();
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      waits.push(performance.now() - asked);
    }
    const took = await imported;
    const endedAt = Date.now();
    // The last report of the import's window is at most 100 ms after it.
    await waitForReport(delays, endedAt);
    const held = longestDelay(delays, startedAt, endedAt);
    waits.sort((a, b) => a - b);
    const longest = waits.at(-1) ?? 0;
    log(`a ${HR_ROWS.toLocaleString('en')}-row HR import (${(body.length / 1e6).toFixed(1)} MB) over HTTP:`);
    log(
      `  imported in ${(took / 1000).toFixed(1)} s; /healthz meanwhile p50 ${percentile(waits, 0.5).toFixed(0)} ms, ` +
        `longest ${longest.toFixed(0)} ms in ${waits.length} reads`,
    );
    log(
      `  the server's event loop held up at most ${held.toFixed(0)} ms at a time ` +
        `(target < ${TARGET_MS} ms, ratio ${(held / TARGET_MS).toFixed(2)}); the rest of the longest read is the ` +
        'reader waiting for one of the two cores the import thread and curl also use',
    );
  } finally {
    await stopServer(child);
  }
}
