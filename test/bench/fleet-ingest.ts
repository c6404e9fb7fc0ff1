// Fleet ingest (DESIGN section 7): 10,000 devices each uploading 10 records, 64 uploads in flight, against a real
// Seatwise process on 127.0.0.1, beside the raw libSQL rate of the same writes one transaction per upload (what a
// naive server reaches) and with group commit (what a batching server reaches).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { UsageRecord } from '../../server/contract.ts';
import type { Db } from '../../server/db/client.ts';
import { addDays, utcDay } from '../../server/domain/days.ts';
import { saveUsage, usageStatements } from '../../server/queries/usage.ts';
import { startServer, stopServer, waitUntilQuiet } from './bench-server.ts';
import { type BenchDevice, databaseWithDevices } from './fleet-devices.ts';
import { prepareReads, READ_TARGET_P99_MS, readWhile, warmReads } from './reads-under-load.ts';
import { closeUploadConnections, timedUpload } from './upload-client.ts';

export const FLEET = { devices: 10_000, recordsPerUpload: 10, inFlight: 64 } as const;
export const FLEET_TARGETS = { uploadsPerSecond: 1_000, p99Ms: 250 } as const;
const GROUP_SIZE = 64;

type Log = (line: string) => void;
export type Upload = { device: BenchDevice; records: UsageRecord[] };

/** Ten apps a person used today and yesterday, as a device's running totals would report them. */
export function uploadsFor(devices: BenchDevice[], appIds: string[], now: Date): Upload[] {
  const today = utcDay(now);
  const days = [today, addDays(today, -1)];
  return devices.map((device, i) => ({
    device,
    records: Array.from({ length: FLEET.recordsPerUpload }, (_, k) => ({
      appId: appIds[(i + Math.floor(k / 2)) % appIds.length]!,
      day: days[k % 2]!,
      activeSeconds: 60 + ((i * 7 + k * 13) % 3_600),
      visits: 1 + (k % 3),
      // Yesterday's total ends on yesterday: `now` falls on it in some time zone only before noon UTC.
      lastActiveAt: k % 2 === 0 ? now.toISOString() : `${days[1]}T23:00:00.000Z`,
    })),
  }));
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function loadOverHttp(url: string, uploads: Upload[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < uploads.length) {
      const { device, records } = uploads[next++]!;
      latencies.push(await timedUpload(url, device, records));
    }
  };
  await Promise.all(Array.from({ length: FLEET.inFlight }, sender));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: uploads.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function rawPerUpload(db: Db, uploads: Upload[], now: Date) {
  const started = performance.now();
  for (const { device, records } of uploads) await saveUsage(db, device.id, records, now);
  return uploads.length / ((performance.now() - started) / 1000);
}

async function rawGroupCommit(db: Db, uploads: Upload[], now: Date) {
  const started = performance.now();
  for (let i = 0; i < uploads.length; i += GROUP_SIZE) {
    const group = uploads.slice(i, i + GROUP_SIZE);
    await db.$client.batch(
      usageStatements(group.map(({ device, records }) => ({ deviceId: device.id, records, at: now }))),
      'write',
    );
  }
  return uploads.length / ((performance.now() - started) / 1000);
}

export async function fleetIngestBench(log: Log, dir: string, people: { email: string; department: string }[]) {
  const fleetPeople = people.slice(0, Number(process.env.SEATWISE_BENCH_FLEET_DEVICES ?? FLEET.devices));
  const now = new Date();
  log(
    `fleet ingest: ${fleetPeople.length.toLocaleString('en')} devices x ${FLEET.recordsPerUpload} records, ` +
      `${FLEET.inFlight} in flight, server in its own process:`,
  );
  const perUpload = await databaseWithDevices(dir, 'fleet-raw.db', fleetPeople);
  const appIds = (await perUpload.db.$client.execute('select id from apps order by id')).rows.map((r) => String(r.id));
  const rawRate = await rawPerUpload(perUpload.db, uploadsFor(perUpload.devices, appIds, now), now);
  perUpload.db.$client.close();
  log(`  raw libSQL, one transaction per upload  ${Math.round(rawRate).toLocaleString('en')} uploads/s`);

  const grouped = await databaseWithDevices(dir, 'fleet-group.db', fleetPeople);
  const groupRate = await rawGroupCommit(grouped.db, uploadsFor(grouped.devices, appIds, now), now);
  grouped.db.$client.close();
  log(`  raw libSQL, ${GROUP_SIZE} uploads per transaction  ${Math.round(groupRate).toLocaleString('en')} uploads/s`);

  const served = await databaseWithDevices(dir, 'fleet.db', fleetPeople);
  const readToken = await prepareReads(served.db, fleetPeople.length);
  served.db.$client.close();
  // The raw runs above leave hundreds of MB of log for the kernel to write out; flushed now, that writeback does not
  // take the disk and a core from the server while it is measured.
  execFileSync('sync');
  const { url, child, delays } = await startServer(join(dir, 'fleet.db'), { loopDelays: true });
  try {
    await warmReads(url, readToken);
    await waitUntilQuiet(delays, log);
    const load = loadOverHttp(url, uploadsFor(served.devices, appIds, now));
    const [http, reads] = await Promise.all([load, readWhile(url, readToken, load)]);
    log(
      `  HTTP /devices/usage                     ${Math.round(http.rate).toLocaleString('en')} uploads/s ` +
        `(target >= ${FLEET_TARGETS.uploadsPerSecond.toLocaleString('en')}; ` +
        `${(http.rate / rawRate).toFixed(2)} of per-upload, ${(http.rate / groupRate).toFixed(2)} of group commit)`,
    );
    log(
      `  latency p50 ${http.p50.toFixed(0)} ms, p99 ${http.p99.toFixed(0)} ms ` +
        `(target p99 < ${FLEET_TARGETS.p99Ms} ms)`,
    );
    log('  reads during the load, one at a time, after one read of each before it (p50 / p99 / max):');
    for (const [path, values] of reads) {
      log(
        `    ${path.padEnd(48)} ${percentile(values, 0.5).toFixed(0)} / ${percentile(values, 0.99).toFixed(0)} / ` +
          `${values.at(-1)!.toFixed(0)} ms in ${values.length} reads (target p99 < ${READ_TARGET_P99_MS} ms)`,
      );
    }
  } finally {
    await closeUploadConnections();
    await stopServer(child);
  }
}
