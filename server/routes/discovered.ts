// Shadow IT: apps in use that no subscription covers, with their users and departments.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Day, DiscoveredApp } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { readShadowIt } from '../services/discovered.ts';

const DiscoveredQuery = z.object({ since: Day.optional() });

const doc = describeRoute({
  summary: 'Shadow IT: apps in use or paid for that no subscription covers, with users, departments and spend',
  description:
    'since limits the usage side; spend is what was paid in the 365 days ending today. sources says how the app was ' +
    'found; consolidationCandidate is true when two or more people paid for it on their own cards or expenses.',
  tags: ['apps'],
  responses: { 200: { description: 'Most users first.', schema: z.array(DiscoveredApp) } },
});

export function discoveredRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>().get('/discovered', doc, requireSignedIn(), validate('query', DiscoveredQuery), async (c) =>
    c.json(await readShadowIt(db, c.req.valid('query').since ?? null, utcDay(now()))),
  );
}
