// DELETE /people/:id/usage: erasing a person's measured usage on their request (privacy requests).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { UsageErased } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { eraseMeasuredUsage } from '../services/people.ts';

const doc = describeRoute({
  summary: "Erase a person's measured usage (on their request); the person, devices and seats stay",
  tags: ['people'],
  description:
    'Deletes the daily totals their devices sent, the days they reported and everything computed from them. ' +
    'Audited with the count only.',
  responses: { 200: { description: 'How many (device, app, day) totals were erased.', schema: UsageErased } },
});

export function personUsageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().delete(
    '/people/:id/usage',
    doc,
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => c.json(await eraseMeasuredUsage(deps, c.req.valid('param').id, actorOf(c.get('principal')))),
  );
}
