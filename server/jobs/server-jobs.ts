// The jobs a Seatwise server runs: alert rules daily (and soon after a change that matters), the outbox often, the
// usage change log pruned every ten minutes, usage beyond the retention period deleted daily (and soon after the
// period changes).
import type { Db } from '../db/client.ts';
import { utcDay } from '../domain/days.ts';
import type { ConnectorSettings } from '../scim/connector-settings.ts';
import { evaluateAndStoreAlerts } from '../services/alert-evaluation.ts';
import { syncDueConnectors } from '../services/connector-sync.ts';
import { sendDueDeliveries } from '../services/deliveries.ts';
import { offerLeaverReclaims } from '../services/offboarding.ts';
import { expireUnanswered } from '../services/reclaims.ts';
import { snapshotSavings } from '../services/savings.ts';
import { pruneUsageChangeLog } from '../services/usage-index-cache.ts';
import { applyUsageRetention } from '../services/usage-retention.ts';
import {
  ALERTS_JOB,
  CONNECTORS_JOB,
  DELIVERIES_JOB,
  RECLAIMS_JOB,
  RETENTION_JOB,
  USAGE_CHANGES_JOB,
} from './job-names.ts';
import type { Job } from './scheduler.ts';

export { ALERTS_JOB, CONNECTORS_JOB, DELIVERIES_JOB, RECLAIMS_JOB, RETENTION_JOB, USAGE_CHANGES_JOB };

const DAY_MS = 86_400_000;

export function serverJobs(db: Db, publicUrl: string | null, connectors?: ConnectorSettings): Job[] {
  return [
    {
      name: ALERTS_JOB,
      everyMs: DAY_MS,
      run: async (now) => {
        await evaluateAndStoreAlerts(db, now, publicUrl);
        await snapshotSavings(db, utcDay(now));
      },
    },
    {
      name: RECLAIMS_JOB,
      everyMs: 60 * 60_000,
      run: async (now) => void (await expireUnanswered(db, utcDay(now), now.getTime())),
    },
    {
      // Each connector has its own period; this looks for due ones every quarter hour.
      name: CONNECTORS_JOB,
      everyMs: 15 * 60_000,
      run: async (now) => {
        await syncDueConnectors({ db, now: () => now, connectors }, now);
        await offerLeaverReclaims({ db, now: () => now, connectors }, 'system');
      },
    },
    { name: DELIVERIES_JOB, everyMs: 0, run: async (now) => void (await sendDueDeliveries(db, now)) },
    { name: RETENTION_JOB, everyMs: DAY_MS, run: async (now) => void (await applyUsageRetention(db, now)) },
    { name: USAGE_CHANGES_JOB, everyMs: 10 * 60_000, run: async (now) => void (await pruneUsageChangeLog(db, now)) },
  ];
}
