// What people do with alerts: list them, acknowledge or snooze one (audited), and evaluate the rules now.
import type { Alert } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { utcDay } from '../domain/days.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { ALERTS_JOB } from '../jobs/job-names.ts';
import { runJobNow } from '../jobs/run-now.ts';
import * as stored from '../queries/alerts.ts';
import { recordAudit } from '../queries/audit.ts';
import { type EvaluationResult, evaluateAndStoreAlerts } from './alert-evaluation.ts';

type Deps = { db: Db; now: () => Date; publicUrl?: string | undefined };

export function listAlerts(deps: Deps, filter: Omit<stored.AlertFilter, 'today'>) {
  return stored.listAlerts(deps.db, { ...filter, today: utcDay(deps.now()) });
}

/** Runs the rules under the job's lease, so a manual run never overlaps the scheduler's. */
export async function evaluateAlertsNow({ db, now, publicUrl }: Deps): Promise<EvaluationResult> {
  const outcome = await runJobNow(db, ALERTS_JOB, now(), () => evaluateAndStoreAlerts(db, now(), publicUrl ?? null));
  if ('running' in outcome)
    throw conflict('job_running', `The ${ALERTS_JOB} job is running right now; try again in a moment.`);
  return outcome.ran;
}

async function unresolvedAlert(db: Db, id: number): Promise<Alert> {
  const alert = await stored.getAlert(db, id);
  if (!alert) throw notFound('The alert');
  if (alert.state === 'resolved') throw badRequest('alert_resolved', 'This alert is resolved already.');
  return alert;
}

export async function acknowledgeAlert({ db, now }: Deps, id: number, actor: string): Promise<Alert> {
  const before = await unresolvedAlert(db, id);
  await stored.acknowledgeAlert(db, id, actor, now().getTime());
  await recordAudit(db, {
    actor,
    action: 'alert.acknowledge',
    subjectType: 'alert',
    subjectId: id,
    before: { state: before.state },
    after: { state: 'acknowledged' },
  });
  return (await stored.getAlert(db, id))!;
}

/** Hides the alert and its notifications until `until`, a day after today. */
export async function snoozeAlert({ db, now }: Deps, id: number, until: string, actor: string): Promise<Alert> {
  if (until <= utcDay(now())) throw badRequest('invalid_body', 'until: must be a day after today.');
  const before = await unresolvedAlert(db, id);
  await stored.snoozeAlert(db, id, until, now().getTime());
  await recordAudit(db, {
    actor,
    action: 'alert.snooze',
    subjectType: 'alert',
    subjectId: id,
    before: { snoozedUntil: before.snoozedUntil },
    after: { snoozedUntil: until },
  });
  return (await stored.getAlert(db, id))!;
}
