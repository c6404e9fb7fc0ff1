// Shadow IT: apps in use that no subscription covers, with their users and departments.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Day, DiscoveredApp } from '../contract.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listDiscoveredApps } from '../services/discovered.ts';

const DiscoveredQuery = z.object({ since: Day.optional() });

const doc = describeRoute({
  summary: 'Shadow IT: apps in use that no subscription covers, with users and departments',
  tags: ['apps'],
  responses: { 200: { description: 'Most users first.', schema: z.array(DiscoveredApp) } },
});

export function discoveredRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/discovered', doc, requireSignedIn(), validate('query', DiscoveredQuery), async (c) =>
    c.json(await listDiscoveredApps(db, c.req.valid('query').since ?? null)),
  );
}
