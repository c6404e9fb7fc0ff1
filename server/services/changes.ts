// What a service changed, said by the service that changed it, so the jobs that read that data run soon
// instead of at their next scheduled run (the alert rules look at subscriptions, seats, people, apps and their own
// settings). A service says it after the write succeeded; a rejected request changed nothing and says nothing.
import { ALERTS_JOB, RETENTION_JOB } from '../jobs/job-names.ts';

export type DataChange =
  | 'subscriptions'
  | 'seats'
  | 'people'
  | 'apps'
  | 'alert-settings'
  | 'spend'
  | 'privacy-settings';

/** Which jobs read each kind of data: a new kind fails to compile until someone decides who reads it. */
const JOBS_READING: Record<DataChange, readonly string[]> = {
  subscriptions: [ALERTS_JOB],
  seats: [ALERTS_JOB],
  people: [ALERTS_JOB],
  apps: [ALERTS_JOB],
  'alert-settings': [ALERTS_JOB],
  // Paid spend is read on request (GET /spend, Shadow IT, the reports); no alert rule reads it yet.
  spend: [],
  // A new retention period deletes usage beyond it within a minute, not at the next daily run.
  'privacy-settings': [RETENTION_JOB],
};

/** The scheduler as services see it; absent when no scheduler runs (tests, the CLI). */
export type JobRequests = { request: (job: string) => void };

export function announceChange(deps: { jobs?: JobRequests | undefined }, change: DataChange): void {
  for (const job of JOBS_READING[change]) deps.jobs?.request(job);
}
