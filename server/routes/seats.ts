// Seats: who holds a licence of a subscription; IT assigns and removes them by hand (imports live in seat-import).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AddSeatBody, Seat } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { deleteSeat, getSeat, listSeats, saveManualSeat } from '../queries/seats.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { announceChange } from '../services/changes.ts';

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
    .get('/subscriptions/:id/seats', docs.list, requireSignedIn(), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await getSubscription(db, id))) throw notFound('The subscription');
      return c.json(await listSeats(db, id));
    })
    .post(
      '/subscriptions/:id/seats',
      docs.add,
      requireRole('it'),
      validate('param', IdParam),
      validate('json', AddSeatBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const { email, assignedAt } = c.req.valid('json');
        if (!(await getSubscription(db, id))) throw notFound('The subscription');
        const seat = await saveManualSeat(db, id, email, assignedAt ? toDay(assignedAt) : utcDay(now()));
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'seat.assign',
          subjectType: 'seat',
          subjectId: seat.id,
          after: seat,
        });
        announceChange(deps, 'seats');
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
        const seat = await getSeat(db, id, seatId);
        if (!seat || !(await deleteSeat(db, id, seatId))) throw notFound('The seat');
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'seat.remove',
          subjectType: 'seat',
          subjectId: seatId,
          before: seat,
        });
        announceChange(deps, 'seats');
        return c.json(seat);
      },
    );
}
