// A reconciliation row for table tests of what the dashboard derives from it: sensible figures, any of them replaced.
import type { ReconciliationRow } from '../../server/contract.ts';

export const reconciliationRow = (id: number, fields: Partial<ReconciliationRow> = {}): ReconciliationRow => ({
  subscriptionId: id,
  appId: `app${id}`,
  appName: `App ${id}`,
  plan: 'Pro',
  metric: 'named_user',
  currency: 'USD',
  seats: 10,
  assigned: 8,
  counts: { active: 5, grace: 0, idle: 1, never_used: 1, unmonitored: 1, left: 0 },
  unassigned: 2,
  overAssigned: 0,
  activeWithoutSeat: 0,
  utilization: 0.5,
  reclaimable: 4,
  annualCost: 100_000,
  reclaimableAnnualCost: 40_000,
  recommendedSeats: 6,
  licencePosition: 5,
  activePeople: 6,
  peakDailyActive: 5,
  neededSeats: 5,
  ...fields,
});
