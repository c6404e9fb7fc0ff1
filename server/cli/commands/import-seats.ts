// import-seats: a vendor's seat-list export into one subscription, as the API import does it.
import { z } from 'zod';
import { Day } from '../../contract.ts';
import { utcDay } from '../../domain/days.ts';
import { importSeatList } from '../../services/seat-import.ts';
import { findSubscription } from '../../services/subscriptions.ts';
import { readFlags, required, UsageError } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';
import { printImportSummary } from '../import-summary.ts';
import { readCsvFile } from '../read-file.ts';

const Flags = z.object({
  subscription: z.coerce.number().int().positive('must be a subscription id'),
  mode: z.enum(['merge', 'replace']).default('merge'),
  'assigned-at': Day.optional(),
});

export const importSeatsCommand: Command = {
  name: 'import-seats',
  summary: "Import a vendor's seat-list CSV into a subscription (merge or replace)",
  usage:
    'import-seats --subscription <id> --file <file.csv> [--mode merge|replace] [--assigned-at YYYY-MM-DD] ' +
    '[--dry-run] [--json]',
  async run({ db, now, out, actor }, argv) {
    const { values } = readFlags(argv, {
      subscription: { type: 'string' },
      file: { type: 'string' },
      mode: { type: 'string' },
      'assigned-at': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const flags = check(Flags, {
      subscription: required(values.subscription, 'subscription'),
      mode: values.mode,
      'assigned-at': values['assigned-at'],
    });
    const file = await readCsvFile(required(values.file, 'file'));
    const subscription = await findSubscription(db, flags.subscription);
    if (!subscription) throw new UsageError(`there is no subscription ${flags.subscription}`);
    const result = await importSeatList(
      { db },
      {
        subscriptionId: subscription.id,
        readFile: async () => ({ text: file.text, encodingWarning: file.warning }),
        mode: flags.mode,
        dryRun: values['dry-run'] ?? false,
        actor,
        today: utcDay(now()),
        assignedAt: flags['assigned-at'],
      },
    );
    if (values.json) return out(JSON.stringify(result, null, 2));
    printImportSummary(
      { out },
      `Seats of subscription ${subscription.id} (${subscription.appId} ${subscription.plan}), ${flags.mode}`,
      result,
      {
        added: result.added,
        updated: result.updated,
        removed: result.removed,
        unchanged: result.unchanged,
      },
    );
  },
};
