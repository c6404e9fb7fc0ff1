// GET /purchase-records: every imported register line's record, for the Reports page and auditors.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PurchaseRecord } from '../contract.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { allPurchaseRecords } from '../services/purchase-records.ts';

const doc = describeRoute({
  summary: 'Every purchase record',
  tags: ['subscriptions'],
  description: 'One per imported contract-register line that added or updated a subscription.',
  responses: { 200: { description: 'Newest first.', schema: z.array(PurchaseRecord) } },
});

export function purchaseRecordRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/purchase-records', doc, requireSignedIn(), async (c) =>
    c.json(await allPurchaseRecords(db)),
  );
}
