// Alerts: the list (open by default), acknowledge, snooze, and evaluating the rules now.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Alert, AlertKind, AlertList, AlertSeverity, AlertState, SnoozeBody } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { acknowledgeAlert, evaluateAlertsNow, listAlerts, snoozeAlert } from '../services/alerts.ts';

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

export function alertRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/alerts', docs.list, requireSignedIn(), validate('query', AlertsQuery), async (c) => {
      const { total, alerts } = await listAlerts(deps, c.req.valid('query'));
      c.header('X-Total-Count', String(total));
      return c.json(alerts);
    })
    .post('/alerts/evaluate', docs.evaluate, requireRole('it'), async (c) => c.json(await evaluateAlertsNow(deps)))
    .post(
      '/alerts/:id/acknowledge',
      docs.acknowledge,
      requireRole('it', 'finance'),
      validate('param', IdParam),
      async (c) => c.json(await acknowledgeAlert(deps, c.req.valid('param').id, actorOf(c.get('principal')))),
    )
    .post(
      '/alerts/:id/snooze',
      docs.snooze,
      requireRole('it', 'finance'),
      validate('param', IdParam),
      validate('json', SnoozeBody),
      async (c) =>
        c.json(
          await snoozeAlert(deps, c.req.valid('param').id, c.req.valid('json').until, actorOf(c.get('principal'))),
        ),
    );
}
