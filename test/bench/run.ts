// `npm run bench`: ingest over HTTP vs raw libSQL upserts, fleet ingest (10,000 devices uploading 10 records each),
// a large HR import's hold on other requests, two instances on one file, reconciliation at 1,000 / 10,000 / 100,000
// people, the retention job deleting 10,000 people's old usage, bundle sizes, and Lighthouse's phone profile on the
// login page and the overview (tools/lighthouse.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/client.ts';
import { describeFigures, LIGHTHOUSE_HEADING, measurePages } from '../../tools/lighthouse.ts';
import { buildCompany, FULL_SIZE, type UsageRow } from './company.ts';
import { type BenchDevice, databaseWithDevices } from './fleet-devices.ts';
import { fleetIngestBench } from './fleet-ingest.ts';
import { importBlockingBench } from './import-blocking.ts';
import { reconciliationScaleBench } from './reconciliation-scale.ts';
import { retentionBench } from './retention.ts';
import { twoInstancesBench } from './two-instances.ts';

const AS_OF = '2026-11-20';
const HTTP_SAMPLE_PEOPLE = 300;
const HTTP_CONCURRENCY = 4;
const ROOT = resolve(import.meta.dirname, '../..');

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const log = (line: string) => console.log(line);

/** The raw rate: 1000-row multi-VALUES upserts with the same max-merge, in client batches. */
async function rawUpsert(db: Db, devices: BenchDevice[], rows: UsageRow[]) {
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    await db.$client.batch(
      [
        {
          sql:
            'insert into usage_daily (device_id, app_id, day, active_seconds, visits, last_active_at) ' +
            `values ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}\n` +
            '                on conflict (device_id, app_id, day) do update set ' +
            'active_seconds = max(active_seconds, excluded.active_seconds),\n' +
            '                visits = max(visits, excluded.visits), ' +
            'last_active_at = max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0))',
          args: chunk.flatMap((r) => [
            devices[r.personIndex]!.id,
            r.appId,
            r.day,
            r.activeSeconds,
            r.visits,
            Date.parse(r.lastActiveAt),
          ]),
        },
      ],
      'write',
    );
  }
}

async function httpIngest(url: string, devices: BenchDevice[], byPerson: Map<number, UsageRow[]>) {
  const jobs = [...byPerson.entries()];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const [personIndex, rows] = jobs[next++]!;
      for (let i = 0; i < rows.length; i += 1_000) {
        const records = rows.slice(i, i + 1_000).map(({ personIndex: _p, ...record }) => record);
        const response = await fetch(`${url}/api/v1/devices/usage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${devices[personIndex]!.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ records }),
        });
        if (response.status !== 200) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
}

/** The scripts index.html loads at once (its module script and modulepreloads), compressed as the build wrote them. */
function firstLoadBytes(dashboardDir: string) {
  const index = join(dashboardDir, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => join(dashboardDir, m[1]!));
  const sizeOf = (suffix: string) =>
    scripts.reduce((n, file) => n + (existsSync(file + suffix) ? statSync(file + suffix).size : Number.NaN), 0);
  return { gzip: sizeOf('.gz'), br: sizeOf('.br') };
}

function gzippedSizes(dir: string, ext: string) {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext));
  return files.map((f) => ({
    file: f,
    raw: statSync(join(dir, f)).size,
    gzip: gzipSync(readFileSync(join(dir, f))).length,
  }));
}

async function main() {
  // SEATWISE_BENCH_KEEP=1 keeps the generated databases for profiling.
  const keep = process.env.SEATWISE_BENCH_KEEP === '1';
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-bench-'));
  // SEATWISE_BENCH_ONLY=retention, =fleet, =import or =reconciliation runs that case alone.
  const only = process.env.SEATWISE_BENCH_ONLY;
  if (only === 'retention' || only === 'fleet' || only === 'import' || only === 'reconciliation') {
    try {
      if (only === 'retention') await retentionBench(log, dir);
      else if (only === 'import') await importBlockingBench(log, dir);
      else if (only === 'reconciliation') await reconciliationScaleBench(log, dir, AS_OF);
      else await fleetIngestBench(log, dir, buildCompany(FULL_SIZE, AS_OF).people);
    } finally {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    const company = buildCompany(FULL_SIZE, AS_OF);
    log(
      `company: ${company.people.length} people, ${company.subscriptions.length} subscriptions, ` +
        `${company.seats.length} seats, ${FULL_SIZE.days} days`,
    );
    // Only the first people's records are sent; the rest of the company's usage is never kept in memory.
    const sample: UsageRow[] = [];
    for (const row of company.usage()) if (row.personIndex < HTTP_SAMPLE_PEOPLE) sample.push(row);

    const byPerson = new Map<number, UsageRow[]>();
    for (const r of sample)
      (byPerson.get(r.personIndex) ?? byPerson.set(r.personIndex, []).get(r.personIndex)!).push(r);

    // Raw libSQL rate on its own database with the same schema (triggers included).
    const raw = await databaseWithDevices(dir, 'raw.db', company.people);
    let t = process.hrtime.bigint();
    await rawUpsert(raw.db, raw.devices, sample);
    const rawRate = sample.length / (ms(t) / 1000);
    raw.db.$client.close();

    // The same records through the real HTTP server: auth, validation, ingest.
    const main = await databaseWithDevices(dir, 'seatwise.db', company.people);
    const app = createApp({
      db: main.db,
      now: () => new Date(`${AS_OF}T12:00:00Z`),
      secureCookies: 'never',
      dashboardDir: null,
    });
    const listen = async () => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((done) => server.once('listening', done));
      return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    };
    const { server, url } = await listen();
    t = process.hrtime.bigint();
    await httpIngest(url, main.devices, byPerson);
    const httpRate = sample.length / (ms(t) / 1000);
    log(`ingest: ${sample.length} records from ${byPerson.size} devices`);
    log(`  raw libSQL multi-row upsert  ${Math.round(rawRate).toLocaleString('en')} records/s`);
    log(`  HTTP /devices/usage (x${HTTP_CONCURRENCY})       ${Math.round(httpRate).toLocaleString('en')} records/s`);
    log(`  ratio HTTP / raw             ${(httpRate / rawRate).toFixed(2)} (target >= 0.50)`);

    // Reconciliation at 10,000 people (and 1,000 and 100,000) is measured by reconciliationScaleBench below, on a
    // company built in SQL in seconds instead of loaded through the triggers for minutes.
    server.close();
    main.db.$client.close();

    await fleetIngestBench(log, dir, company.people);
    await importBlockingBench(log, dir);
    await twoInstancesBench(log, dir);
    await reconciliationScaleBench(log, dir, AS_OF);
    await retentionBench(log, dir);

    const background = join(ROOT, 'dist/extension/chrome-mv3/background.js');
    log('bundles (run `npm run build` first):');
    const firstLoad = firstLoadBytes(join(ROOT, 'dist/dashboard'));
    if (firstLoad) {
      log(
        `  dashboard first-load JS  ${(firstLoad.gzip / 1024).toFixed(1)} kB gzipped, ` +
          `${(firstLoad.br / 1024).toFixed(1)} kB brotli (target < 150 kB)`,
      );
      const all = gzippedSizes(join(ROOT, 'dist/dashboard/assets'), '.js')!;
      log(
        `  dashboard all JS         ${(all.reduce((n, f) => n + f.gzip, 0) / 1024).toFixed(1)} kB gzipped ` +
          `in ${all.length} files (pages and chart.js load when first needed)`,
      );
    } else log('  dashboard not built');
    if (existsSync(background))
      log(`  extension background  ${(statSync(background).size / 1024).toFixed(1)} kB (target < 44 kB)`);
    else log('  extension not built');

    log(LIGHTHOUSE_HEADING);
    if (firstLoad) for (const line of describeFigures(await measurePages())) log(line);
    else log('  dashboard not built');
  } finally {
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
