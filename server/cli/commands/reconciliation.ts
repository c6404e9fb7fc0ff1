// reconciliation: seats against active users for every subscription, as a table or as the API's JSON.
import { z } from 'zod';
import { Day } from '../../contract.ts';
import { utcDay } from '../../domain/days.ts';
import { formatMinorUnits } from '../../domain/money.ts';
import { companyReconciliation } from '../../services/reports.ts';
import { readFlags } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';
import { renderTable } from '../table.ts';

const Flags = z.object({ 'as-of': Day.optional() });

const percent = (fraction: number | null) => (fraction === null ? null : `${Math.round(fraction * 100)}%`);

export const reconciliationCommand: Command = {
  name: 'reconciliation',
  summary: 'Print seats against active users per subscription and totals per currency',
  usage: 'reconciliation [--as-of YYYY-MM-DD] [--json]',
  async run({ db, now, out }, argv) {
    const { values } = readFlags(argv, { 'as-of': { type: 'string' }, json: { type: 'boolean' } });
    const asOf = check(Flags, { 'as-of': values['as-of'] })['as-of'] ?? utcDay(now());
    const reply = await companyReconciliation(db, asOf);
    if (values.json) return out(JSON.stringify(reply, null, 2));
    const { totals, subscriptions } = reply;
    out(`Reconciliation as of ${asOf}: ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'}.`);
    if (subscriptions.length === 0) return;
    out(
      renderTable(
        [
          'ID',
          'APP',
          'PLAN',
          'METRIC',
          'SEATS',
          'ASSIGNED',
          'ACTIVE',
          'GRACE',
          'IDLE',
          'NEVER USED',
          'UNMONITORED',
          'LEFT',
          'USED',
          'RECLAIMABLE',
          'RECOMMENDED',
          'POSITION',
          'CURRENCY',
          'ANNUAL COST',
          'RECLAIMABLE/YEAR',
        ],
        subscriptions.map((row) => [
          row.subscriptionId,
          row.appName,
          row.plan,
          row.metric,
          row.seats,
          row.assigned,
          row.counts.active,
          row.counts.grace,
          row.counts.idle,
          row.counts.never_used,
          row.counts.unmonitored,
          row.counts.left,
          percent(row.utilization),
          row.reclaimable,
          row.recommendedSeats,
          row.licencePosition,
          row.currency,
          formatMinorUnits(row.annualCost, row.currency),
          formatMinorUnits(row.reclaimableAnnualCost, row.currency),
        ]),
      ),
    );
    out('');
    out(
      renderTable(
        ['CURRENCY', 'SEATS', 'ASSIGNED', 'ACTIVE', 'RECLAIMABLE', 'ANNUAL COST', 'RECLAIMABLE/YEAR'],
        Object.entries(totals.byCurrency).map(([currency, t]) => [
          currency,
          t.seats,
          t.assigned,
          t.active,
          t.reclaimable,
          formatMinorUnits(t.annualCost, currency),
          formatMinorUnits(t.reclaimableAnnualCost, currency),
        ]),
      ),
    );
  },
};
