// /webhooks: the endpoints alerts are posted to (Slack-compatible JSON, signed), and a test post to one.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreatedWebhook, CreateWebhookBody, Webhook } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { addWebhook, listWebhooks, queueTestPost, removeWebhook } from '../services/webhooks.ts';

const docs = {
  webhooks: describeRoute({
    summary: 'Webhook endpoints alerts are posted to (Slack-compatible JSON, signed)',
    tags: ['settings'],
    responses: { 200: { description: 'The endpoints.', schema: z.array(Webhook) } },
  }),
  createWebhook: describeRoute({
    summary: 'Add a webhook endpoint; its signing secret is shown only in this reply',
    tags: ['settings'],
    description:
      'Each post carries X-Seatwise-Timestamp and X-Seatwise-Signature: ' +
      'sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex, and X-Seatwise-Delivery (the same id on every retry).',
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
};

export function webhookRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/webhooks', docs.webhooks, requireRole('admin'), async (c) => c.json(await listWebhooks(db)))
    .post('/webhooks', docs.createWebhook, requireRole('admin'), validate('json', CreateWebhookBody), async (c) =>
      c.json(await addWebhook(db, c.req.valid('json'), actorOf(c.get('principal'))), 201),
    )
    .delete('/webhooks/:id', docs.deleteWebhook, requireRole('admin'), validate('param', IdParam), async (c) => {
      await removeWebhook(db, c.req.valid('param').id, actorOf(c.get('principal')));
      return c.body(null, 204);
    })
    .post('/webhooks/:id/test', docs.testWebhook, requireRole('admin'), validate('param', IdParam), async (c) => {
      await queueTestPost(deps, c.req.valid('param').id);
      return c.body(null, 202);
    });
}
