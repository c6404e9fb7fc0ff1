// Read-side figures: reconciliation as of a day and per-person usage.
import { Hono } from 'hono';
import { z } from 'zod';
import { Day, Email } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { getReconciliation } from '../queries/reconciliation.ts';
import { listPersonUsage } from '../queries/usage.ts';

const AsOfQuery = z.object({ asOf: Day.optional() });
const UsageQuery = z.object({ email: Email.optional(), from: Day.optional(), to: Day.optional() });

export function reportRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/reconciliation', requireSignedIn(), validate('query', AsOfQuery), async (c) => {
      const asOf = c.req.valid('query').asOf ?? utcDay(now());
      return c.json(await getReconciliation(db, asOf));
    })
    .get('/usage', requireSignedIn(), validate('query', UsageQuery), async (c) => {
      return c.json(await listPersonUsage(db, c.req.valid('query')));
    });
}
