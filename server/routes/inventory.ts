// Apps, subscriptions and their seats: the licence inventory.
import { Hono } from 'hono';
import { AddSeatBody, CreateSubscriptionBody } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { utcDay } from '../domain/days.ts';
import { badRequest, notFound } from '../errors.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { IdParam } from '../middleware/params.ts';
import { validate } from '../middleware/validate.ts';
import { getApp, listApps } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { listSeats, saveManualSeat } from '../queries/seats.ts';
import { getSubscription, listSubscriptions, saveNewSubscription } from '../queries/subscriptions.ts';


/** `...At` inputs take a timestamp or a day; seats are assigned on a day (UTC). */
const toDay = (at: string) => (at.length === 10 ? at : utcDay(new Date(at)));

export function inventoryRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/apps', requireSignedIn(), async (c) => c.json(await listApps(db)))
    .get('/subscriptions', requireSignedIn(), async (c) => c.json(await listSubscriptions(db)))
    .post('/subscriptions', requireRole('finance'), validate('json', CreateSubscriptionBody), async (c) => {
      const body = c.req.valid('json');
      if (!(await getApp(db, body.appId))) throw badRequest('unknown_app', `appId: "${body.appId}" is not a known app.`);
      const created = await saveNewSubscription(
        db,
        {
          ...body,
          seats: body.seats ?? null,
          startDate: body.startDate ?? null,
          renewalDate: body.renewalDate ?? null,
          ownerEmail: body.ownerEmail ?? null,
          department: body.department ?? null,
          notes: body.notes ?? null,
        },
        now(),
      );
      await recordAudit(db, { actor: actorOf(c.get('principal')), action: 'subscription.create', subjectType: 'subscription', subjectId: created.id, after: created });
      return c.json(created, 201);
    })
    .get('/subscriptions/:id', requireSignedIn(), validate('param', IdParam), async (c) => {
      const subscription = await getSubscription(db, c.req.valid('param').id);
      if (!subscription) throw notFound('The subscription');
      return c.json(subscription);
    })
    .get('/subscriptions/:id/seats', requireSignedIn(), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await getSubscription(db, id))) throw notFound('The subscription');
      return c.json(await listSeats(db, id));
    })
    .post('/subscriptions/:id/seats', requireRole('it'), validate('param', IdParam), validate('json', AddSeatBody), async (c) => {
      const { id } = c.req.valid('param');
      const { email, assignedAt } = c.req.valid('json');
      if (!(await getSubscription(db, id))) throw notFound('The subscription');
      const seat = await saveManualSeat(db, id, email, assignedAt ? toDay(assignedAt) : utcDay(now()));
      await recordAudit(db, { actor: actorOf(c.get('principal')), action: 'seat.assign', subjectType: 'seat', subjectId: seat.id, after: seat });
      return c.json(seat, 201);
    });
}
