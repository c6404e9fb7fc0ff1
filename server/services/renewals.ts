// The renewals calendar: every subscription with a renewal day, its notice deadline and the money at stake, as
// iCalendar events whose UIDs stay the same for this installation.
import type { Db } from '../db/client.ts';
import { type RenewalEntry, renewalsCalendar } from '../domain/ics.ts';
import { installationId } from '../queries/installation-id.ts';
import { readReconciliation } from './reconciliation.ts';

/** Subscriptions that renew, soonest first (by id on the same day), with the figures as of `today`. */
export async function renewalEntries(db: Db, today: string): Promise<RenewalEntry[]> {
  const report = await readReconciliation(db, today);
  const entries = report.subscriptions.flatMap(({ terms: s, ...row }): RenewalEntry[] => {
    if (!s.renewalDate) return [];
    return [
      {
        subscriptionId: s.id,
        appName: row.appName,
        plan: s.plan,
        renewalDate: s.renewalDate,
        noticeDays: s.noticeDays,
        autoRenew: s.autoRenew,
        annualCost: row.annualCost,
        currency: s.currency,
        seats: s.seats,
        reclaimable: row.reclaimable,
        ownerEmail: s.ownerEmail,
      },
    ];
  });
  return entries.sort((a, b) => a.renewalDate.localeCompare(b.renewalDate) || a.subscriptionId - b.subscriptionId);
}

/** renewals.ics as of `now`'s day. */
export async function renewalsCalendarFile(db: Db, now: Date, today: string): Promise<string> {
  const entries = await renewalEntries(db, today);
  return renewalsCalendar(entries, { installationId: await installationId(db), now });
}
