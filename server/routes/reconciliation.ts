// GET /reconciliation: seats against active users for every subscription, as of a day.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Day, Reconciliation } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { companyReconciliation } from '../services/reports.ts';

const AsOfQuery = z.object({ asOf: Day.optional() });

const doc = describeRoute({
  summary: 'Seats against active users for every subscription, as of a day (default today)',
  tags: ['reconciliation'],
  responses: { 200: { description: 'Rows per subscription and totals per currency.', schema: Reconciliation } },
});

export function reconciliationRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>().get('/reconciliation', doc, requireSignedIn(), validate('query', AsOfQuery), async (c) =>
    c.json(await companyReconciliation(db, c.req.valid('query').asOf ?? utcDay(now()))),
  );
}
