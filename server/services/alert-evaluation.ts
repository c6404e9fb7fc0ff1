// The alerts job: read the facts, apply the rules, store the changes and queue their notifications in one batch.
import type { Db } from '../db/client.ts';
import { evaluateAlerts, planAlertChanges } from '../domain/alert-rules.ts';
import { utcDay } from '../domain/days.ts';
import { maskValue } from '../domain/person-mask.ts';
import { alertEmail, alertWebhookBody } from '../notify/messages.ts';
import { getAlertSettings } from '../queries/alert-settings.ts';
import { alertChangeStatements, liveAlerts } from '../queries/alerts.ts';
import { enabledWebhookIds, enqueueStatements } from '../queries/outbox.ts';
import { writeAtomically } from '../queries/statements.ts';
import { loadAlertFacts } from './alert-facts.ts';
import { outsideMask } from './person-mask.ts';

export type EvaluationResult = { opened: number; updated: number; resolved: number; notified: number };

const keyOf = (alert: { kind: string; subject: { type: string; id: string } }) =>
  `${alert.kind}|${alert.subject.type}|${alert.subject.id}`;

export async function evaluateAndStoreAlerts(db: Db, now: Date, publicUrl: string | null): Promise<EvaluationResult> {
  const today = utcDay(now);
  const settings = await getAlertSettings(db);
  const facts = await loadAlertFacts(db, now, today, settings.thresholds);
  const changes = planAlertChanges(await liveAlerts(db), evaluateAlerts(facts), today);
  const recipients = { webhookIds: await enabledWebhookIds(db), emails: settings.emailRecipients };
  const escalated = new Set(changes.update.filter((u) => u.escalated).map((u) => keyOf(u.alert)));
  // Webhooks and alert emails reach people outside any role: in works-council mode they carry pseudonyms.
  const mask = changes.notify.length > 0 ? await outsideMask(db, now) : null;
  const notifications = changes.notify.flatMap((alert) => {
    const event = escalated.has(keyOf(alert)) ? 'alert.escalated' : 'alert.opened';
    const shown = mask ? (maskValue(mask, alert) as typeof alert) : alert;
    const content = { webhook: alertWebhookBody(shown, event, publicUrl), email: alertEmail(shown, publicUrl) };
    return enqueueStatements(db, recipients, event, content, now.getTime());
  });
  await writeAtomically(db, [...alertChangeStatements(db, changes, now.getTime()), ...notifications]);
  return {
    opened: changes.create.length,
    updated: changes.update.length,
    resolved: changes.resolve.length,
    notified: changes.notify.length,
  };
}
