// Reconciliation at 1,000 / 10,000 / 100,000 people (250 subscriptions, 90 days): the first read, which builds the
// usage index from the rollups, and the read a dashboard makes while devices report, which re-reads only what the
// uploads since the last read changed. SEATWISE_BENCH_RECONCILIATION_SIZES=1000,10000 picks the sizes.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../server/catalog/apps.ts';
import { openDatabase } from '../../server/db/client.ts';
import { saveUsage } from '../../server/queries/usage.ts';
import { readReconciliation } from '../../server/services/reconciliation.ts';
import { buildLargeCompany, checkRollupsOnSample } from './large-company.ts';

const SIZES = (process.env.SEATWISE_BENCH_RECONCILIATION_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** The targets of issue 16 for a read while devices report. */
const TARGET_MS: Record<number, number> = { 10000: 50, 100000: 500 };
const UPLOADS_BETWEEN_READS = 100;
const READS = 9;

const ms = (from: number) => performance.now() - from;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `count` devices upload 10 records each for the as-of day, with more seconds than last time (`round`). */
async function uploadBurst(db: Awaited<ReturnType<typeof openDatabase>>, people: number, asOf: string, round: number) {
  for (let k = 0; k < UPLOADS_BETWEEN_READS; k += 1) {
    const person = 1 + (((round * UPLOADS_BETWEEN_READS + k) * 7_919) % people);
    const records = Array.from({ length: 10 }, (_, slot) => ({
      appId: CATALOG[(person * 7 + slot) % CATALOG.length]!.id,
      day: asOf,
      activeSeconds: 600 + round * 60,
      visits: 1 + round,
      lastActiveAt: `${asOf}T11:00:00Z`,
    }));
    await saveUsage(db, `dev-${String(person).padStart(7, '0')}`, records, new Date(`${asOf}T12:00:00Z`));
  }
}

export async function reconciliationScaleBench(log: (line: string) => void, dir: string, asOf: string) {
  log(`reconciliation at scale (250 subscriptions, 90 days; a read after every ${UPLOADS_BETWEEN_READS} uploads):`);
  const curve: { people: number; warm: number; cold: number }[] = [];
  for (const people of SIZES) {
    let t = performance.now();
    const company = await buildLargeCompany(dir, people, asOf);
    const built = ms(t) / 1000;
    const compared = await checkRollupsOnSample(dir, company, asOf);
    const path = join(dir, `company-${people}.db`);
    try {
      // The first read of a new instance builds its index: a fresh connection has no cache.
      const cold: number[] = [];
      for (let i = 0; i < 2; i += 1) {
        const fresh = await openDatabase({ url: `file:${path}` });
        t = performance.now();
        await readReconciliation(fresh, asOf);
        cold.push(ms(t));
        fresh.$client.close();
      }
      await readReconciliation(company.db, asOf);
      const warm: number[] = [];
      const warmCpu: number[] = [];
      const unchanged: number[] = [];
      for (let round = 1; round <= READS; round += 1) {
        await uploadBurst(company.db, people, asOf, round);
        t = performance.now();
        const cpu = process.cpuUsage();
        await readReconciliation(company.db, asOf);
        warm.push(ms(t));
        const used = process.cpuUsage(cpu);
        warmCpu.push((used.user + used.system) / 1000);
        t = performance.now();
        await readReconciliation(company.db, asOf);
        unchanged.push(ms(t));
      }
      const target = TARGET_MS[people];
      log(
        `  ${people.toLocaleString('en').padStart(7)} people: built in ${built.toFixed(0)} s ` +
          `(${company.usageRows.toLocaleString('en')} usage rows, ${company.seats.toLocaleString('en')} seats; ` +
          `${compared.toLocaleString('en')} rollup rows equal the trigger path)`,
      );
      const versus = (value: number) =>
        target ? ` (target < ${target} ms, ratio ${(value / target).toFixed(2)})` : '';
      log(
        `           read after ${UPLOADS_BETWEEN_READS} uploads: median ${median(warm).toFixed(0)} ms` +
          `${versus(median(warm))}, max ${Math.max(...warm).toFixed(0)} ms, CPU ${median(warmCpu).toFixed(0)} ms`,
      );
      log(
        `           read with nothing new: median ${median(unchanged).toFixed(0)} ms${versus(median(unchanged))}; ` +
          `first read of an instance (builds the index) ${median(cold).toFixed(0)} ms`,
      );
      curve.push({ people, warm: median(warm), cold: median(cold) });
    } finally {
      company.db.$client.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `trigger-sample.db${suffix}`), { force: true });
    }
  }
  for (let i = 1; i < curve.length; i += 1) {
    const [a, b] = [curve[i - 1]!, curve[i]!];
    log(
      `  ${a.people.toLocaleString('en')} -> ${b.people.toLocaleString('en')} people (x${b.people / a.people}): ` +
        `read while reporting x${(b.warm / a.warm).toFixed(1)}, first read x${(b.cold / a.cold).toFixed(1)}`,
    );
  }
}
