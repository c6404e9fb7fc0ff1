// GET /coverage: extension coverage, active people with a device and with an upload in the last 7 days.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Coverage } from '../contract.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { coverage } from '../services/usage.ts';

const doc = describeRoute({
  summary: 'Extension coverage: active people with a device, and with an upload in the last 7 days, per department',
  tags: ['devices'],
  responses: { 200: { description: 'Counts of active people.', schema: Coverage } },
});

export function coverageRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>().get('/coverage', doc, requireSignedIn(), async (c) => c.json(await coverage(db, now())));
}
