// Seats: who holds a licence of a subscription; IT assigns and removes them by hand (imports live in seat-import).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AddSeatBody, Seat } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { assignSeat, listSubscriptionSeats, removeSeat } from '../services/seats.ts';

const SeatParam = IdParam.extend({ seatId: z.coerce.number().int().positive('must be a positive whole number') });

/** `...At` inputs take a timestamp or a day; seats are assigned on a day (UTC). */
const toDay = (at: string) => (at.length === 10 ? at : utcDay(new Date(at)));

const docs = {
  list: describeRoute({
    summary: 'The seats of a subscription',
    tags: ['seats'],
    responses: { 200: { description: 'By email.', schema: z.array(Seat) } },
  }),
  add: describeRoute({
    summary: 'Assign a seat to a person (created if the email is new)',
    tags: ['seats'],
    responses: { 201: { description: 'The new seat.', schema: Seat } },
  }),
  remove: describeRoute({
    summary: 'Remove a seat (after it was removed in the vendor console)',
    tags: ['seats'],
    responses: { 200: { description: 'The seat that was removed.', schema: Seat } },
  }),
};

export function seatRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get('/subscriptions/:id/seats', docs.list, requireSignedIn(), validate('param', IdParam), async (c) =>
      c.json(await listSubscriptionSeats(db, c.req.valid('param').id)),
    )
    .post(
      '/subscriptions/:id/seats',
      docs.add,
      requireRole('it'),
      validate('param', IdParam),
      validate('json', AddSeatBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const { email, assignedAt } = c.req.valid('json');
        const seat = await assignSeat(
          deps,
          { subscriptionId: id, email, assignedAt: assignedAt ? toDay(assignedAt) : utcDay(now()) },
          actorOf(c.get('principal')),
        );
        return c.json(seat, 201);
      },
    )
    .delete(
      '/subscriptions/:id/seats/:seatId',
      docs.remove,
      requireRole('it'),
      validate('param', SeatParam),
      async (c) => {
        const { id, seatId } = c.req.valid('param');
        return c.json(await removeSeat(deps, id, seatId, actorOf(c.get('principal'))));
      },
    );
}
