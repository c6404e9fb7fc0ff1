// Subscriptions: the purchased licences with their costs, terms and reconciliation settings.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateSubscriptionBody, Subscription, seatCountProblem, UpdateSubscriptionBody } from '../contract.ts';
import { badRequest, notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getApp } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { getDefaults } from '../queries/defaults.ts';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  saveNewSubscription,
  saveSubscriptionChanges,
} from '../queries/subscriptions.ts';
import { announceChange } from '../services/changes.ts';

const docs = {
  list: describeRoute({
    summary: 'Every subscription',
    tags: ['subscriptions'],
    responses: { 200: { description: 'By id.', schema: z.array(Subscription) } },
  }),
  create: describeRoute({
    summary: 'Add a subscription',
    tags: ['subscriptions'],
    responses: { 201: { description: 'The new subscription.', schema: Subscription } },
  }),
  get: describeRoute({
    summary: 'One subscription',
    tags: ['subscriptions'],
    responses: { 200: { description: 'The subscription.', schema: Subscription } },
  }),
  update: describeRoute({
    summary: 'Change some fields of a subscription',
    tags: ['subscriptions'],
    description:
      'The result must stay consistent: a site licence has no seat count, named_user and concurrent need one.',
    responses: { 200: { description: 'The subscription after the change.', schema: Subscription } },
  }),
  remove: describeRoute({
    summary: 'Delete a subscription and its seats',
    tags: ['subscriptions'],
    responses: {
      200: {
        description: 'What was deleted.',
        schema: z.object({ deleted: z.literal(true), seats: z.number().int() }),
      },
    },
  }),
};

export function subscriptionRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get('/subscriptions', docs.list, requireSignedIn(), async (c) => c.json(await listSubscriptions(db)))
    .post(
      '/subscriptions',
      docs.create,
      requireRole('finance'),
      validate('json', CreateSubscriptionBody),
      async (c) => {
        const body = c.req.valid('json');
        if (!(await getApp(db, body.appId)))
          throw badRequest('unknown_app', `appId: "${body.appId}" is not a known app.`);
        const defaults = await getDefaults(db);
        const created = await saveNewSubscription(
          db,
          {
            ...body,
            activityWindowDays: body.activityWindowDays ?? defaults.activityWindowDays,
            minActiveMinutes: body.minActiveMinutes ?? defaults.minActiveMinutes,
            seats: body.seats ?? null,
            startDate: body.startDate ?? null,
            renewalDate: body.renewalDate ?? null,
            ownerEmail: body.ownerEmail ?? null,
            department: body.department ?? null,
            notes: body.notes ?? null,
          },
          now(),
        );
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'subscription.create',
          subjectType: 'subscription',
          subjectId: created.id,
          after: created,
        });
        announceChange(deps, 'subscriptions');
        return c.json(created, 201);
      },
    )
    .get('/subscriptions/:id', docs.get, requireSignedIn(), validate('param', IdParam), async (c) => {
      const subscription = await getSubscription(db, c.req.valid('param').id);
      if (!subscription) throw notFound('The subscription');
      return c.json(subscription);
    })
    .patch(
      '/subscriptions/:id',
      docs.update,
      requireRole('finance'),
      validate('param', IdParam),
      validate('json', UpdateSubscriptionBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const before = await getSubscription(db, id);
        if (!before) throw notFound('The subscription');
        const merged = { ...before, ...changes };
        const problem = seatCountProblem(merged.metric, merged.seats);
        if (problem) throw badRequest('invalid_body', `seats: ${problem}.`);
        if (changes.appId && !(await getApp(db, changes.appId)))
          throw badRequest('unknown_app', `appId: "${changes.appId}" is not a known app.`);
        const after = await saveSubscriptionChanges(db, id, changes, now());
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'subscription.update',
          subjectType: 'subscription',
          subjectId: id,
          before,
          after,
        });
        announceChange(deps, 'subscriptions');
        return c.json(after!);
      },
    )
    .delete('/subscriptions/:id', docs.remove, requireRole('finance'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const before = await getSubscription(db, id);
      if (!before) throw notFound('The subscription');
      const deleted = await deleteSubscription(db, id);
      if (!deleted) throw notFound('The subscription');
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'subscription.delete',
        subjectType: 'subscription',
        subjectId: id,
        before: { ...before, seatCount: deleted.seats },
      });
      announceChange(deps, 'subscriptions');
      return c.json({ deleted: true as const, seats: deleted.seats });
    });
}
