// A person's seats, and erasing their measured usage when they ask (privacy requests).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PersonSeat, UsageErased } from '../contract.ts';
import { notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { getPerson } from '../queries/people-list.ts';
import { erasePersonUsage, personSeats } from '../queries/person-data.ts';
import { announceChange } from '../services/changes.ts';

const docs = {
  seats: describeRoute({
    summary: "A person's seats over all subscriptions",
    tags: ['people'],
    responses: { 200: { description: 'By app and plan.', schema: z.array(PersonSeat) } },
  }),
  erase: describeRoute({
    summary: "Erase a person's measured usage (on their request); the person, devices and seats stay",
    tags: ['people'],
    description:
      'Deletes the daily totals their devices sent, the days they reported and everything computed from them. Audited with the count only.',
    responses: { 200: { description: 'How many (device, app, day) totals were erased.', schema: UsageErased } },
  }),
};

export function personDataRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/people/:id/seats', docs.seats, requireSignedIn(), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await getPerson(db, id))) throw notFound('The person');
      return c.json(await personSeats(db, id));
    })
    .delete('/people/:id/usage', docs.erase, requireRole('admin'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const person = await getPerson(db, id);
      if (!person) throw notFound('The person');
      const erased = await erasePersonUsage(db, id);
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'person.usage_erase',
        subjectType: 'person',
        subjectId: id,
        after: { email: person.email, ...erased },
      });
      announceChange(deps, 'people');
      return c.json(erased);
    });
}
