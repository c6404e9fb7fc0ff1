// GET /usage (active time per person, app and day) and /usage/daily (people active per day), for exports and charts.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppId, DailyActivity, Day, Email, PersonUsageDay } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { dailyActivity, listPersonUsage } from '../services/usage.ts';
import { dayRange } from './day-range.ts';

const UsageQuery = z.object({
  email: Email.optional(),
  appId: AppId.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
const DailyQuery = z.object({ appId: AppId.optional(), from: Day.optional(), to: Day.optional() });
const USAGE_DEFAULT_DAYS = 30;
const USAGE_MAX_DAYS = 400;
const DAILY_DEFAULT_DAYS = 30;
const DAILY_MAX_DAYS = 400;

const docs = {
  usage: describeRoute({
    summary: "Active time per person, app and day, summed over the person's devices",
    tags: ['reconciliation'],
    description:
      `from defaults to ${USAGE_DEFAULT_DAYS} days before to (default today); ` +
      `at most ${USAGE_MAX_DAYS} days per request.`,
    responses: { 200: { description: 'By email, day and app.', schema: z.array(PersonUsageDay) } },
  }),
  daily: describeRoute({
    summary: 'People active per day (on one app, or on any) and their active time, every day of the range',
    tags: ['reconciliation'],
    description:
      `from defaults to ${DAILY_DEFAULT_DAYS} days before to (default today); at most ${DAILY_MAX_DAYS} days. ` +
      'Days without use are listed with zeros.',
    responses: { 200: { description: 'One entry per day, oldest first.', schema: z.array(DailyActivity) } },
  }),
};

export function usageRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/usage', docs.usage, requireSignedIn(), validate('query', UsageQuery), async (c) => {
      const query = c.req.valid('query');
      const range = dayRange(query, utcDay(now()), USAGE_DEFAULT_DAYS, USAGE_MAX_DAYS);
      // Works-council mode: an email is looked up as the caller sees it; a hidden person's own email finds nothing.
      const mask = personMaskOf(c);
      const email = mask && query.email ? mask.realEmail(query.email) : query.email;
      if (email === null) return c.json([]);
      return c.json(await listPersonUsage(db, { ...query, email, ...range }));
    })
    .get('/usage/daily', docs.daily, requireSignedIn(), validate('query', DailyQuery), async (c) => {
      const query = c.req.valid('query');
      const range = dayRange(query, utcDay(now()), DAILY_DEFAULT_DAYS, DAILY_MAX_DAYS);
      return c.json(await dailyActivity(db, { appId: query.appId, ...range }));
    });
}
