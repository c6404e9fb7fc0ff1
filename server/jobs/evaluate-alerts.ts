// The alerts job: read the facts, apply the rules, store the changes and queue their notifications in one batch.
import type { Db } from '../db/client.ts';
import { evaluateAlerts, planAlertChanges } from '../domain/alert-rules.ts';
import { utcDay } from '../domain/days.ts';
import { alertEmail, alertWebhookBody } from '../notify/messages.ts';
import { enqueueStatements, loadRecipients } from '../notify/outbox.ts';
import { loadAlertFacts } from '../queries/alert-facts.ts';
import { getAlertSettings } from '../queries/alert-settings.ts';
import { alertChangeStatements, liveAlerts } from '../queries/alerts.ts';

export type EvaluationResult = { opened: number; updated: number; resolved: number; notified: number };

export async function evaluateAndStoreAlerts(db: Db, now: Date, publicUrl: string | null): Promise<EvaluationResult> {
  const today = utcDay(now);
  const settings = await getAlertSettings(db);
  const facts = await loadAlertFacts(db, now, today, settings.thresholds);
  const changes = planAlertChanges(await liveAlerts(db), evaluateAlerts(facts), today);
  const recipients = await loadRecipients(db, settings.emailRecipients);
  const escalated = new Set(
    changes.update
      .filter((u) => u.escalated)
      .map((u) => `${u.alert.kind}|${u.alert.subject.type}|${u.alert.subject.id}`),
  );
  const notifications = changes.notify.flatMap((alert) => {
    const event = escalated.has(`${alert.kind}|${alert.subject.type}|${alert.subject.id}`)
      ? 'alert.escalated'
      : 'alert.opened';
    return enqueueStatements(
      recipients,
      event,
      { webhook: alertWebhookBody(alert, event, publicUrl), email: alertEmail(alert, publicUrl) },
      now.getTime(),
    );
  });
  const statements = [...alertChangeStatements(changes, now.getTime()), ...notifications];
  if (statements.length > 0) await db.$client.batch(statements, 'write');
  return {
    opened: changes.create.length,
    updated: changes.update.length,
    resolved: changes.resolve.length,
    notified: changes.notify.length,
  };
}
