// GET /subscriptions/:id/purchase-records: what the imported register lines of one subscription said, for auditors.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PurchaseRecord } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { subscriptionPurchaseRecords } from '../services/purchase-records.ts';

const doc = describeRoute({
  summary: "A subscription's purchase records",
  tags: ['subscriptions'],
  description: 'One per imported contract-register line that added or updated it: file, row, quantity, total, dates.',
  responses: { 200: { description: 'Newest first.', schema: z.array(PurchaseRecord) } },
});

export function subscriptionPurchaseRecordRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get(
    '/subscriptions/:id/purchase-records',
    doc,
    requireSignedIn(),
    validate('param', IdParam),
    async (c) => c.json(await subscriptionPurchaseRecords(db, c.req.valid('param').id)),
  );
}
