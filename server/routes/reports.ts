// Read-side figures: reconciliation as of a day (all subscriptions or one with its holders) and per-person usage.
import { Hono } from 'hono';
import { z } from 'zod';
import { Day, Email, type Reconciliation, type SubscriptionReconciliation } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { utcDay } from '../domain/days.ts';
import { notFound } from '../errors.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { IdParam } from '../middleware/params.ts';
import { getReconciliation } from '../queries/reconciliation.ts';
import { getHolders } from '../queries/holders.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { listPersonUsage } from '../queries/usage.ts';

const AsOfQuery = z.object({ asOf: Day.optional() });
const UsageQuery = z.object({ email: Email.optional(), from: Day.optional(), to: Day.optional() });

export function reportRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/reconciliation', requireSignedIn(), validate('query', AsOfQuery), async (c) => {
      const asOf = c.req.valid('query').asOf ?? utcDay(now());
      const { totals, subscriptions } = await getReconciliation(db, asOf);
      return c.json({ asOf, totals, subscriptions } satisfies Reconciliation);
    })
    .get('/subscriptions/:id/reconciliation', requireSignedIn(), validate('param', IdParam), validate('query', AsOfQuery), async (c) => {
      const { id } = c.req.valid('param');
      const asOf = c.req.valid('query').asOf ?? utcDay(now());
      const subscription = await getSubscription(db, id);
      if (!subscription) throw notFound('The subscription');
      const report = await getReconciliation(db, asOf, { appId: subscription.appId });
      const row = report.subscriptions.find((r) => r.subscriptionId === id)!;
      const holders = await getHolders(db, report.holders.get(id) ?? [], subscription);
      return c.json({ asOf, ...row, holders } satisfies SubscriptionReconciliation);
    })
    .get('/usage', requireSignedIn(), validate('query', UsageQuery), async (c) => {
      return c.json(await listPersonUsage(db, c.req.valid('query')));
    });
}
