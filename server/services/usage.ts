// Measured use as the charts and exports read it: per person, app and day; people active per day; and coverage
// (who is measured at all). Plain reads of the rollups the ingest triggers keep.
export { coverage, dailyActivity } from '../queries/activity.ts';
export { listPersonUsage } from '../queries/usage.ts';
