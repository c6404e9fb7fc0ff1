// Read-side figures: reconciliation as of a day (all subscriptions or one with its holders) and per-person usage.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  AppId,
  Day,
  Email,
  type Holder,
  type HolderStatus,
  HoldersQuery,
  PersonUsageDay,
  Reconciliation,
  SubscriptionReconciliation,
} from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getHolders } from '../queries/holders.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { listPersonUsage } from '../queries/usage.ts';
import { readReconciliation, withoutTerms } from '../services/reconciliation.ts';
import { dayRange } from './day-range.ts';

const AsOfQuery = z.object({ asOf: Day.optional() });
const UsageQuery = z.object({
  email: Email.optional(),
  appId: AppId.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
const USAGE_DEFAULT_DAYS = 30;
const USAGE_MAX_DAYS = 400;

const docs = {
  reconciliation: describeRoute({
    summary: 'Seats against active users for every subscription, as of a day (default today)',
    tags: ['reconciliation'],
    responses: { 200: { description: 'Rows per subscription and totals per currency.', schema: Reconciliation } },
  }),
  subscription: describeRoute({
    summary: 'One subscription reconciled, with its seat holders and their status',
    description:
      'Holders can be filtered by status (comma-separated) and search (email or name) and paged with limit and offset; holdersTotal counts the matches.',
    tags: ['reconciliation'],
    responses: { 200: { description: 'The row plus holders.', schema: SubscriptionReconciliation } },
  }),
  usage: describeRoute({
    summary: "Active time per person, app and day, summed over the person's devices",
    tags: ['reconciliation'],
    description: `from defaults to ${USAGE_DEFAULT_DAYS} days before to (default today); at most ${USAGE_MAX_DAYS} days per request.`,
    responses: { 200: { description: 'By email, day and app.', schema: z.array(PersonUsageDay) } },
  }),
};

/** Holders with one of the statuses, whose email or name contains the search text (any case). */
function filterHolders(holders: Holder[], query: { status?: HolderStatus[] | undefined; search?: string | undefined }) {
  const needle = query.search?.toLowerCase();
  return holders.filter(
    (holder) =>
      (!query.status || query.status.includes(holder.status)) &&
      (!needle || holder.email.includes(needle) || (holder.name?.toLowerCase().includes(needle) ?? false)),
  );
}

export function reportRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/reconciliation', docs.reconciliation, requireSignedIn(), validate('query', AsOfQuery), async (c) => {
      const asOf = c.req.valid('query').asOf ?? utcDay(now());
      const { totals, subscriptions } = await readReconciliation(db, asOf);
      return c.json({ asOf, totals, subscriptions: subscriptions.map(withoutTerms) } satisfies Reconciliation);
    })
    .get(
      '/subscriptions/:id/reconciliation',
      docs.subscription,
      requireSignedIn(),
      validate('param', IdParam),
      validate('query', HoldersQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const query = c.req.valid('query');
        const asOf = query.asOf ?? utcDay(now());
        const subscription = await getSubscription(db, id);
        if (!subscription) throw notFound('The subscription');
        const report = await readReconciliation(db, asOf, { appId: subscription.appId });
        const reconciled = report.subscriptions.find((r) => r.subscriptionId === id);
        if (!reconciled) throw notFound('The subscription');
        const row = withoutTerms(reconciled);
        const matching = filterHolders(
          await getHolders(db, report.holders.get(id) ?? [], subscription, utcDay(now())),
          query,
        );
        const holders = matching.slice(
          query.offset,
          query.limit === undefined ? undefined : query.offset + query.limit,
        );
        return c.json({ asOf, ...row, holdersTotal: matching.length, holders } satisfies SubscriptionReconciliation);
      },
    )
    .get('/usage', docs.usage, requireSignedIn(), validate('query', UsageQuery), async (c) => {
      const query = c.req.valid('query');
      return c.json(
        await listPersonUsage(db, { ...query, ...dayRange(query, utcDay(now()), USAGE_DEFAULT_DAYS, USAGE_MAX_DAYS) }),
      );
    });
}
