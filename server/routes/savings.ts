// /savings: the savings realised through reclaims against what could still be saved.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Savings } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { savings } from '../services/savings.ts';

const docs = {
  savings: describeRoute({
    summary:
      'Realised savings (revoked seats) against potential (reclaimable now), per currency, with the daily history',
    tags: ['reclaims'],
    responses: { 200: { description: 'Savings.', schema: Savings } },
  }),
};

export function savingsRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>().get('/savings', docs.savings, requireSignedIn(), async (c) =>
    c.json(await savings(db, utcDay(now()))),
  );
}
