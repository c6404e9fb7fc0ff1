// GET /subscriptions/:id/reconciliation: one subscription reconciled, with a filtered page of its seat holders.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { HoldersQuery, SubscriptionReconciliation } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { IdParam } from '../middleware/params.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { subscriptionReconciliation } from '../services/reports.ts';

const doc = describeRoute({
  summary: 'One subscription reconciled, with its seat holders and their status',
  description:
    'Holders can be filtered by status (comma-separated) and search (email or name) and paged with limit and ' +
    'offset; holdersTotal counts the matches.',
  tags: ['reconciliation'],
  responses: { 200: { description: 'The row plus holders.', schema: SubscriptionReconciliation } },
});

export function subscriptionReconciliationRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>().get(
    '/subscriptions/:id/reconciliation',
    doc,
    requireSignedIn(),
    validate('param', IdParam),
    validate('query', HoldersQuery),
    async (c) =>
      c.json(
        await subscriptionReconciliation(
          db,
          c.req.valid('param').id,
          c.req.valid('query'),
          utcDay(now()),
          personMaskOf(c),
        ),
      ),
  );
}
