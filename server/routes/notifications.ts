// Where alerts go: thresholds and email recipients, the SMTP server, webhooks, and the delivery log.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  AlertSettings,
  CreatedWebhook,
  CreateWebhookBody,
  Delivery,
  Email,
  PutSmtpBody,
  SmtpSettingsReply,
  UpdateAlertSettingsBody,
  Webhook,
} from '../contract.ts';
import { badRequest, notFound, UpstreamFailed } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { escapeSlack } from '../notify/messages.ts';
import { enqueueStatements } from '../notify/outbox.ts';
import { smtpProblem, smtpTransport } from '../notify/smtp-transport.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getAlertSettings, getSmtp, saveAlertSettings, saveSmtp } from '../queries/alert-settings.ts';
import { recordAudit } from '../queries/audit.ts';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks } from '../queries/webhooks.ts';
import { announceChange } from '../services/changes.ts';

const DeliveriesQuery = z.object({
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const TestEmailBody = z.object({ to: Email }).strict();

const docs = {
  alertSettings: describeRoute({
    summary: 'Alert thresholds, who is emailed, and the days a holder has to answer a reclaim',
    tags: ['settings'],
    responses: { 200: { description: 'The settings.', schema: AlertSettings } },
  }),
  updateAlertSettings: describeRoute({
    summary: 'Change alert thresholds, email recipients or the reclaim answer period',
    tags: ['settings'],
    responses: { 200: { description: 'The settings after the change.', schema: AlertSettings } },
  }),
  smtp: describeRoute({
    summary: 'The SMTP server alerts and reclaim requests are sent through (the password is never shown)',
    tags: ['settings'],
    responses: { 200: { description: 'The server, or null.', schema: SmtpSettingsReply } },
  }),
  putSmtp: describeRoute({
    summary:
      'Set the SMTP server; omit password to keep the stored one. Without secure, STARTTLS is required unless allowUnencrypted',
    tags: ['settings'],
    responses: { 200: { description: 'The server.', schema: SmtpSettingsReply } },
  }),
  testSmtp: describeRoute({
    summary: 'Send a test email now through the configured SMTP server',
    tags: ['settings'],
    responses: { 200: { description: 'Sent.', schema: z.object({ sent: z.boolean() }) } },
  }),
  webhooks: describeRoute({
    summary: 'Webhook endpoints alerts are posted to (Slack-compatible JSON, signed)',
    tags: ['settings'],
    responses: { 200: { description: 'The endpoints.', schema: z.array(Webhook) } },
  }),
  createWebhook: describeRoute({
    summary: 'Add a webhook endpoint; its signing secret is shown only in this reply',
    tags: ['settings'],
    description:
      'Each post carries X-Seatwise-Timestamp and X-Seatwise-Signature: sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex, and X-Seatwise-Delivery (the same id on every retry).',
    responses: { 201: { description: 'The endpoint and its secret.', schema: CreatedWebhook } },
  }),
  deleteWebhook: describeRoute({
    summary: 'Remove a webhook endpoint (its pending deliveries go with it)',
    tags: ['settings'],
    responses: { 204: { description: 'Removed.' } },
  }),
  testWebhook: describeRoute({
    summary: 'Queue a test post to a webhook endpoint; see the delivery log for the outcome',
    tags: ['settings'],
    responses: { 202: { description: 'Queued.' } },
  }),
  deliveries: describeRoute({
    summary: 'The delivery log: every webhook post and email, attempts and last error',
    tags: ['settings'],
    responses: {
      200: {
        description: 'Newest first.',
        schema: z.object({ total: z.number().int(), deliveries: z.array(Delivery) }),
      },
    },
  }),
};

async function smtpReply(db: AppDeps['db']) {
  const smtp = await getSmtp(db);
  if (!smtp) return { smtp: null };
  const { password, ...shown } = smtp;
  return { smtp: { ...shown, passwordSet: Boolean(password) } };
}

export function notificationRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get('/settings/alerts', docs.alertSettings, requireSignedIn(), async (c) => c.json(await getAlertSettings(db)))
    .patch(
      '/settings/alerts',
      docs.updateAlertSettings,
      requireRole('admin'),
      validate('json', UpdateAlertSettingsBody),
      async (c) => {
        const before = await getAlertSettings(db);
        const body = c.req.valid('json');
        const after = { ...before, ...body, thresholds: { ...before.thresholds, ...(body.thresholds ?? {}) } };
        await saveAlertSettings(db, after);
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'settings.update',
          subjectType: 'settings',
          subjectId: 'alerts',
          before,
          after,
        });
        announceChange(deps, 'alert-settings');
        return c.json(after);
      },
    )
    .get('/settings/smtp', docs.smtp, requireRole('admin'), async (c) => c.json(await smtpReply(db)))
    .put('/settings/smtp', docs.putSmtp, requireRole('admin'), validate('json', PutSmtpBody), async (c) => {
      const { password, ...fields } = c.req.valid('json');
      const before = await getSmtp(db);
      await saveSmtp(db, { ...fields, password: password === undefined ? (before?.password ?? null) : password });
      const shown = await smtpReply(db);
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'settings.update',
        subjectType: 'settings',
        subjectId: 'smtp',
        after: { ...shown.smtp, passwordChanged: password !== undefined },
      });
      return c.json(shown);
    })
    .post('/settings/smtp/test', docs.testSmtp, requireRole('admin'), validate('json', TestEmailBody), async (c) => {
      const smtp = await getSmtp(db);
      if (!smtp) throw badRequest('smtp_not_configured', 'Set the SMTP server first.');
      const transport = smtpTransport(smtp);
      try {
        await transport.sendMail({
          from: smtp.from,
          to: c.req.valid('json').to,
          subject: '[Seatwise] Test email',
          text: 'Seatwise can send email through this server.',
        });
      } catch (error) {
        throw new UpstreamFailed(
          'smtp_failed',
          `The SMTP server refused or could not be reached: ${smtpProblem(smtp, error)}`,
        );
      } finally {
        transport.close();
      }
      return c.json({ sent: true });
    })
    .get('/webhooks', docs.webhooks, requireRole('admin'), async (c) => c.json(await listWebhooks(db)))
    .post('/webhooks', docs.createWebhook, requireRole('admin'), validate('json', CreateWebhookBody), async (c) => {
      const created = await createWebhook(db, c.req.valid('json'));
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'webhook.create',
        subjectType: 'webhook',
        subjectId: created.id,
        after: { name: created.name, url: created.url },
      });
      return c.json(created, 201);
    })
    .delete('/webhooks/:id', docs.deleteWebhook, requireRole('admin'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const before = await getWebhook(db, id);
      if (!before || !(await deleteWebhook(db, id))) throw notFound('The webhook');
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'webhook.delete',
        subjectType: 'webhook',
        subjectId: id,
        before: { name: before.name, url: before.url },
      });
      return c.body(null, 204);
    })
    .post('/webhooks/:id/test', docs.testWebhook, requireRole('admin'), validate('param', IdParam), async (c) => {
      const hook = await getWebhook(db, c.req.valid('param').id);
      if (!hook) throw notFound('The webhook');
      const body = {
        text: `Seatwise test post to ${escapeSlack(hook.name)}: this endpoint receives Seatwise alerts.`,
        seatwise: { event: 'test' },
      };
      await db.$client.batch(
        enqueueStatements(
          { webhookIds: [hook.id], emails: [] },
          'test',
          { webhook: body, email: { subject: '', text: '', html: '' } },
          now().getTime(),
        ),
        'write',
      );
      return c.body(null, 202);
    })
    .get('/deliveries', docs.deliveries, requireRole('admin'), validate('query', DeliveriesQuery), async (c) =>
      c.json(await listDeliveries(db, c.req.valid('query'))),
    );
}
