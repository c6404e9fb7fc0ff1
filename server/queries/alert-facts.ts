// Reads what the alert rules look at: each subscription's figures as of today, shadow IT, people gone silent.

import { type AlertThresholds, SHADOW_IT_WINDOW_DAYS } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { AlertFacts } from '../domain/alert-rules.ts';
import { addDays } from '../domain/days.ts';
import { subscriptionName } from '../domain/subscription-name.ts';
import { readReconciliation } from '../services/reconciliation.ts';
import { listDiscoveredApps } from './discovered.ts';

const MS_PER_DAY = 86_400_000;

export async function loadAlertFacts(
  db: Db,
  now: Date,
  today: string,
  thresholds: AlertThresholds,
): Promise<AlertFacts> {
  const [report, discovered] = await Promise.all([
    readReconciliation(db, today),
    listDiscoveredApps(db, addDays(today, 1 - SHADOW_IT_WINDOW_DAYS)),
  ]);
  const silentBefore = now.getTime() - thresholds.silentDays * MS_PER_DAY;
  const silent = await db.$client.execute({
    sql: `select p.id, p.email, max(d.last_seen_at) as last_seen from people p join devices d on d.person_id = p.id and d.revoked_at is null
          where p.status = 'active' group by p.id having max(d.last_seen_at) is not null and max(d.last_seen_at) < ? order by p.email`,
    args: [silentBefore],
  });
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
    silentPeople: silent.rows.map((row) => ({
      personId: Number(row.id),
      email: String(row.email),
      lastSeenDay: new Date(Number(row.last_seen)).toISOString().slice(0, 10),
    })),
    thresholds,
  };
}
