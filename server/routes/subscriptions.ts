// Subscriptions: the purchased licences with their costs, terms and reconciliation settings.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateSubscriptionBody, Subscription, UpdateSubscriptionBody } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { emailAsStored, type PersonMaskVariables, personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import {
  changeSubscription,
  createSubscription,
  listSubscriptions,
  readSubscription,
  removeSubscription,
} from '../services/subscriptions.ts';

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

/** Works-council mode: an owner chosen by pseudonym is stored as the person's email. */
function ownerAsStored<B extends { ownerEmail?: string | null | undefined }>(
  c: { var: Partial<PersonMaskVariables> },
  body: B,
): B {
  return body.ownerEmail ? { ...body, ownerEmail: emailAsStored(personMaskOf(c), body.ownerEmail) } : body;
}

export function subscriptionRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/subscriptions', docs.list, requireSignedIn(), async (c) => c.json(await listSubscriptions(db)))
    .post('/subscriptions', docs.create, requireRole('finance'), validate('json', CreateSubscriptionBody), async (c) =>
      c.json(await createSubscription(deps, ownerAsStored(c, c.req.valid('json')), actorOf(c.get('principal'))), 201),
    )
    .get('/subscriptions/:id', docs.get, requireSignedIn(), validate('param', IdParam), async (c) =>
      c.json(await readSubscription(db, c.req.valid('param').id)),
    )
    .patch(
      '/subscriptions/:id',
      docs.update,
      requireRole('finance'),
      validate('param', IdParam),
      validate('json', UpdateSubscriptionBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = ownerAsStored(c, c.req.valid('json'));
        return c.json(await changeSubscription(deps, id, body, actorOf(c.get('principal'))));
      },
    )
    .delete('/subscriptions/:id', docs.remove, requireRole('finance'), validate('param', IdParam), async (c) =>
      c.json(await removeSubscription(deps, c.req.valid('param').id, actorOf(c.get('principal')))),
    );
}
