// Activity over time (for charts) and extension coverage (who is measured at all).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppId, Coverage, DailyActivity, Day } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { coverage, dailyActivity } from '../queries/activity.ts';
import { dayRange } from './day-range.ts';

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
      return c.json(
        await dailyActivity(db, { appId: query.appId, ...dayRange(query, utcDay(now()), DEFAULT_DAYS, MAX_DAYS) }),
      );
    })
    .get('/coverage', docs.coverage, requireSignedIn(), async (c) => c.json(await coverage(db, now())));
}
