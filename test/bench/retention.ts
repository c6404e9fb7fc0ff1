// The retention job at scale (issue 19): 10,000 people whose 30 days of usage all lie before the retention period
// (about 720,000 usage rows and as many day rollups), deleted by one run. Prints the rows deleted per table, how long
// the run took, and the longest event-loop delay during it beside its 50 ms limit: the deletes go range by range to
// the write thread, so the event loop only passes messages to it.
import { execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_PRIVACY } from '../../server/contract.ts';
import type { Db } from '../../server/db/client.ts';
import { writeThreadOf } from '../../server/db/write-thread.ts';
import { savePrivacySettings } from '../../server/queries/privacy-settings.ts';
import { applyUsageRetention } from '../../server/services/usage-retention.ts';
import { buildLargeCompany } from './large-company.ts';

const PEOPLE = 10_000;
const OLD_DAYS = 30;
/** The company's last day of usage: more than 90 days before NOW, so a 90-day retention deletes all of it. */
const LAST_OLD_DAY = '2026-08-01';
const NOW = new Date('2026-11-20T03:00:00Z');
const LIMIT_MS = 50;

/**
 * Puts the process where a running server is when the daily job starts: its write thread already up (a server starts
 * it with its first write), no garbage left by the builder of 1.9 million rows or by the cases before this one,
 * whose collection would otherwise land in the measured run and be counted against the job, and none of their writes
 * (the 100,000-person database before this case, this company's build) still waiting for the kernel to write them
 * out, a writeback that would share the disk and a core with the job.
 */
async function settleBeforeMeasuring(db: Db) {
  await writeThreadOf(db)?.write([{ sql: 'select 1', args: [] }]);
  execFileSync('sync');
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function retentionBench(log: (line: string) => void, dir: string) {
  const company = await buildLargeCompany(dir, PEOPLE, LAST_OLD_DAY, OLD_DAYS);
  const { db } = company;
  try {
    await savePrivacySettings(db, { ...DEFAULT_PRIVACY, usageRetentionDays: 90 });
    await settleBeforeMeasuring(db);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const run = await applyUsageRetention(db, NOW);
    const took = performance.now() - started;
    delay.disable();
    const longest = delay.max / 1e6;
    const total = Object.values(run.deleted).reduce((sum, n) => sum + n, 0);
    log(`retention: ${PEOPLE.toLocaleString('en')} people x ${OLD_DAYS} days before the cut-off ${run.cutoff}:`);
    for (const [table, n] of Object.entries(run.deleted))
      log(`  ${table.padEnd(20)} ${n.toLocaleString('en')} deleted`);
    log(
      `  ${total.toLocaleString('en')} rows in ${(took / 1000).toFixed(1)} s (${Math.round(total / (took / 1000))}/s)`,
    );
    log(`  longest event-loop delay ${longest.toFixed(1)} ms (limit ${LIMIT_MS} ms)`);
  } finally {
    db.$client.close();
  }
}
