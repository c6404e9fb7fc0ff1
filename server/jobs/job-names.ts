// The names of the server's jobs: their lease rows' keys, and what services ask the scheduler to run.
export const ALERTS_JOB = 'alerts.evaluate';
export const DELIVERIES_JOB = 'deliveries.send';
export const RECLAIMS_JOB = 'reclaims.expire';
export const USAGE_CHANGES_JOB = 'usage-changes.prune';
export const CONNECTORS_JOB = 'connectors.sync';
export const RETENTION_JOB = 'usage.retention';
