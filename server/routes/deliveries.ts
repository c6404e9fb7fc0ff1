// /deliveries: the delivery log, every webhook post and email with its attempts and last error.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Delivery } from '../contract.ts';
import { requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listDeliveries } from '../services/deliveries.ts';

const DeliveriesQuery = z.object({
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const docs = {
  deliveries: describeRoute({
    summary: 'The delivery log: every webhook post and email, attempts and last error',
    tags: ['settings'],
    responses: {
      200: {
        description: 'Newest first.',
        schema: z.object({ total: z.number().int(), deliveries: z.array(Delivery) }),
      },
    },
  }),
};

export function deliveryRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get(
    '/deliveries',
    docs.deliveries,
    requireRole('admin'),
    validate('query', DeliveriesQuery),
    async (c) => c.json(await listDeliveries(db, c.req.valid('query'))),
  );
}
