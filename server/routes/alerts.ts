// Alerts: the list (open by default), acknowledge, snooze, and evaluating the rules now.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Alert, AlertKind, AlertList, AlertSeverity, AlertState, SnoozeBody } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { badRequest, notFound } from '../errors.ts';
import { evaluateAndStoreAlerts } from '../jobs/evaluate-alerts.ts';
import { runJobNow } from '../jobs/run-now.ts';
import { ALERTS_JOB } from '../jobs/server-jobs.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { acknowledgeAlert, getAlert, listAlerts, snoozeAlert } from '../queries/alerts.ts';
import { recordAudit } from '../queries/audit.ts';

const AlertsQuery = z.object({
  state: AlertState.default('open'),
  kind: AlertKind.optional(),
  severity: AlertSeverity.optional(),
  includeSnoozed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const docs = {
  list: describeRoute({
    summary:
      'Alerts, most urgent first (open by default; snoozed ones hidden until their day unless includeSnoozed=true)',
    tags: ['alerts'],
    responses: { 200: { description: 'A page of alerts; X-Total-Count says how many match.', schema: AlertList } },
  }),
  acknowledge: describeRoute({
    summary: 'Acknowledge an open alert (it stays until its condition clears; an escalation re-opens it)',
    tags: ['alerts'],
    responses: { 200: { description: 'The alert.', schema: Alert } },
  }),
  snooze: describeRoute({
    summary: 'Hide an alert and its notifications until a day',
    tags: ['alerts'],
    responses: { 200: { description: 'The alert.', schema: Alert } },
  }),
  evaluate: describeRoute({
    summary: 'Evaluate the alert rules now (they also run daily and after changes)',
    tags: ['alerts'],
    responses: {
      200: {
        description: 'What changed.',
        schema: z.object({
          opened: z.number().int(),
          updated: z.number().int(),
          resolved: z.number().int(),
          notified: z.number().int(),
        }),
      },
    },
  }),
};

export function alertRoutes({ db, now, publicUrl }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/alerts', docs.list, requireSignedIn(), validate('query', AlertsQuery), async (c) => {
      const { total, alerts } = await listAlerts(db, { ...c.req.valid('query'), today: utcDay(now()) });
      c.header('X-Total-Count', String(total));
      return c.json(alerts);
    })
    .post('/alerts/evaluate', docs.evaluate, requireRole('it'), async (c) =>
      c.json(await runJobNow(db, ALERTS_JOB, now(), () => evaluateAndStoreAlerts(db, now(), publicUrl ?? null))),
    )
    .post(
      '/alerts/:id/acknowledge',
      docs.acknowledge,
      requireRole('it', 'finance'),
      validate('param', IdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const before = await getAlert(db, id);
        if (!before) throw notFound('The alert');
        if (before.state === 'resolved') throw badRequest('alert_resolved', 'This alert is resolved already.');
        const actor = actorOf(c.get('principal'));
        await acknowledgeAlert(db, id, actor, now().getTime());
        await recordAudit(db, {
          actor,
          action: 'alert.acknowledge',
          subjectType: 'alert',
          subjectId: id,
          before: { state: before.state },
          after: { state: 'acknowledged' },
        });
        return c.json((await getAlert(db, id))!);
      },
    )
    .post(
      '/alerts/:id/snooze',
      docs.snooze,
      requireRole('it', 'finance'),
      validate('param', IdParam),
      validate('json', SnoozeBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const { until } = c.req.valid('json');
        if (until <= utcDay(now())) throw badRequest('invalid_body', 'until: must be a day after today.');
        const before = await getAlert(db, id);
        if (!before) throw notFound('The alert');
        if (before.state === 'resolved') throw badRequest('alert_resolved', 'This alert is resolved already.');
        await snoozeAlert(db, id, until, now().getTime());
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'alert.snooze',
          subjectType: 'alert',
          subjectId: id,
          before: { snoozedUntil: before.snoozedUntil },
          after: { snoozedUntil: until },
        });
        return c.json((await getAlert(db, id))!);
      },
    );
}
