// Two Seatwise processes on one database file (DESIGN section 2's scale-out on one machine): 160 devices, each with
// one upload in flight, half of them talking to each instance, every device uploading its running totals again and
// again. Both instances take the file's one write lock in turn; the figure is the upload latency devices see.
import { join } from 'node:path';
import { startServer, stopServer } from './bench-server.ts';
import { databaseWithDevices } from './fleet-devices.ts';
import { percentile, uploadsFor } from './fleet-ingest.ts';
import { closeUploadConnections, timedUpload } from './upload-client.ts';

const DEVICES = 160;
const UPLOADS_PER_DEVICE = 25;
const TARGET_P99_MS = 1_000;

export async function twoInstancesBench(log: (line: string) => void, dir: string) {
  const people = Array.from({ length: DEVICES }, (_, i) => ({ email: `pair${i}@bench.example`, department: 'Sales' }));
  const { db, devices } = await databaseWithDevices(dir, 'two-instances.db', people);
  const appIds = (await db.$client.execute('select id from apps order by id')).rows.map((r) => String(r.id));
  db.$client.close();
  const file = join(dir, 'two-instances.db');
  const servers = [await startServer(file), await startServer(file)];
  try {
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      devices.map(async (device, i) => {
        const url = servers[i % 2]!.url;
        for (let round = 1; round <= UPLOADS_PER_DEVICE; round += 1) {
          const [upload] = uploadsFor([device], appIds, new Date());
          // Running totals grow between uploads, so every upload writes.
          const records = upload!.records.map((record) => ({ ...record, activeSeconds: record.activeSeconds + round }));
          latencies.push(await timedUpload(url, device, records));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    const heading = `two instances on one database file, ${DEVICES} devices (one upload in flight each)`;
    log(`${heading}, ${latencies.length} uploads:`);
    const rate = Math.round(latencies.length / seconds).toLocaleString('en');
    log(
      `  ${rate} uploads/s, p50 ${percentile(latencies, 0.5).toFixed(0)} ms, ` +
        `p99 ${p99.toFixed(0)} ms (target p99 < ${TARGET_P99_MS} ms, ratio ${(p99 / TARGET_P99_MS).toFixed(2)}), ` +
        `max ${latencies.at(-1)!.toFixed(0)} ms`,
    );
  } finally {
    await closeUploadConnections();
    for (const server of servers) await stopServer(server.child);
  }
}
