// GET /people/:id/seats: a person's seats over all subscriptions.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PersonSeat } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { seatsOfPerson } from '../services/people.ts';

const doc = describeRoute({
  summary: "A person's seats over all subscriptions",
  tags: ['people'],
  responses: { 200: { description: 'By app and plan.', schema: z.array(PersonSeat) } },
});

export function personSeatRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/people/:id/seats', doc, requireSignedIn(), validate('param', IdParam), async (c) =>
    c.json(await seatsOfPerson(db, c.req.valid('param').id)),
  );
}
