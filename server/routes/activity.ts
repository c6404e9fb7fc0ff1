// Activity over time (for charts) and extension coverage (who is measured at all).
import { Hono } from 'hono';
import { z } from 'zod';
import { AppId, Coverage, DailyActivity, Day } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { utcDay, windowStart } from '../domain/days.ts';
import { badRequest } from '../errors.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { coverage, dailyActivity } from '../queries/activity.ts';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 400;
const DailyQuery = z.object({ appId: AppId.optional(), from: Day.optional(), to: Day.optional() });

const docs = {
  daily: describeRoute({
    summary: 'People active per day (on one app, or on any) and their active time, every day of the range',
    tags: ['reconciliation'],
    description: `from defaults to ${DEFAULT_DAYS} days before to (default today); at most ${MAX_DAYS} days. Days without use are listed with zeros.`,
    responses: { 200: { description: 'One entry per day, oldest first.', schema: z.array(DailyActivity) } },
  }),
  coverage: describeRoute({
    summary: 'Extension coverage: active people with a device, and with an upload in the last 7 days, per department',
    tags: ['devices'],
    responses: { 200: { description: 'Counts of active people.', schema: Coverage } },
  }),
};

export function activityRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/usage/daily', docs.daily, requireSignedIn(), validate('query', DailyQuery), async (c) => {
      const query = c.req.valid('query');
      const to = query.to ?? utcDay(now());
      const from = query.from ?? windowStart(to, DEFAULT_DAYS);
      if (from > to) throw badRequest('invalid_query', 'from: must not be after to.');
      if (windowStart(to, MAX_DAYS) > from) throw badRequest('invalid_query', `from: ask for at most ${MAX_DAYS} days at a time.`);
      return c.json(await dailyActivity(db, { appId: query.appId, from, to }));
    })
    .get('/coverage', docs.coverage, requireSignedIn(), async (c) => c.json(await coverage(db, now())));
}
