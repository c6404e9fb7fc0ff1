// The jobs a Seatwise server runs: alert rules daily (and soon after a change that matters), the outbox often.
import type { Db } from '../db/client.ts';
import { utcDay } from '../domain/days.ts';
import { sendDueDeliveries } from '../notify/send.ts';
import { expireUnanswered } from '../queries/reclaims.ts';
import { snapshotSavings } from '../queries/savings.ts';
import { evaluateAndStoreAlerts } from './evaluate-alerts.ts';
import type { Job } from './scheduler.ts';

export const ALERTS_JOB = 'alerts.evaluate';
export const DELIVERIES_JOB = 'deliveries.send';
export const RECLAIMS_JOB = 'reclaims.expire';
const DAY_MS = 86_400_000;

export function serverJobs(db: Db, publicUrl: string | null): Job[] {
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
    { name: DELIVERIES_JOB, everyMs: 0, run: async (now) => void (await sendDueDeliveries(db, now)) },
  ];
}
