// What the alert rules look at: each subscription's figures and terms as of today, shadow IT, people gone silent.
import { type AlertThresholds, SHADOW_IT_WINDOW_DAYS } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { AlertFacts } from '../domain/alert-rules.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { subscriptionName } from '../domain/subscription-name.ts';
import { silentPeople } from '../queries/alert-facts.ts';
import { listDiscoveredApps } from '../queries/discovered.ts';
import { readReconciliation } from './reconciliation.ts';

const MS_PER_DAY = 86_400_000;

export async function loadAlertFacts(
  db: Db,
  now: Date,
  today: string,
  thresholds: AlertThresholds,
): Promise<AlertFacts> {
  const [report, discovered, silent] = await Promise.all([
    readReconciliation(db, today),
    listDiscoveredApps(db, addDays(today, 1 - SHADOW_IT_WINDOW_DAYS)),
    silentPeople(db, now.getTime() - thresholds.silentDays * MS_PER_DAY),
  ]);
  return {
    today,
    subscriptions: report.subscriptions.map(({ terms, ...row }) => ({
      ...row,
      id: terms.id,
      name: subscriptionName(row.appName, terms.plan),
      renewalDate: terms.renewalDate,
      noticeDays: terms.noticeDays,
      autoRenew: terms.autoRenew,
    })),
    discovered: discovered.map((d) => ({ appId: d.appId, appName: d.appName, status: d.status, users: d.users })),
    silentPeople: silent.map((person) => ({
      personId: person.personId,
      email: person.email,
      lastSeenDay: utcDay(person.lastSeenAt),
    })),
    thresholds,
  };
}
