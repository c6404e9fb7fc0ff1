// The reclaim queue: propose seats, record answers, mark ready, confirm removal (the saving is recorded), cancel.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateReclaimsBody, KeepBody, Reclaim, ReclaimList, ReclaimState } from '../contract.ts';
import type { ReclaimStep } from '../domain/reclaim-flow.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { createReclaims, getReclaim, listReclaims, takeReclaimStep } from '../services/reclaims.ts';

const ReclaimsQuery = z.object({
  state: z
    .string()
    .transform((v) => v.split(','))
    .pipe(z.array(ReclaimState))
    .optional(),
  subscriptionId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const step = (summary: string) =>
  describeRoute({
    summary,
    tags: ['reclaims'],
    responses: { 200: { description: 'The reclaim after the step.', schema: Reclaim } },
  });
const docs = {
  list: describeRoute({
    summary: 'Reclaims, newest first (filter by state, comma-separated, and subscription)',
    tags: ['reclaims'],
    responses: { 200: { description: 'A page and the total.', schema: ReclaimList } },
  }),
  create: describeRoute({
    summary: 'Propose seats for reclaiming; holders still employed get a keep-or-release email unless notify=false',
    tags: ['reclaims'],
    description:
      "Only idle, never-used and leavers' seats, none already being reclaimed or kept. " +
      'A seat of someone who left is ready to revoke at once. ' +
      'All or nothing: 409 not_reclaimable lists every seat that cannot be. ' +
      'With notify (the default) and no SMTP server set up: 409 email_not_configured, nothing created. ' +
      "The emails go out through the outbox; respondBy and notifiedAt are set when a holder's email is sent, " +
      'and a reclaim whose email fails for good goes back to open with emailProblem.',
    responses: { 201: { description: 'The new reclaims.', schema: z.array(Reclaim) } },
  }),
  get: describeRoute({
    summary: 'One reclaim',
    tags: ['reclaims'],
    responses: { 200: { description: 'The reclaim.', schema: Reclaim } },
  }),
  release: step('Record that the holder gives the seat back'),
  keep: step('Keep the seat, with the reason; it is not proposed again for its activity window'),
  ready: step('Mark ready to revoke without waiting for an answer'),
  revoke: step(
    'Confirm the account was removed in the vendor console: the seat is removed and the saving recorded. On a ' +
      'subscription whose connector deprovisions, the vendor is asked first; its refusal answers 502 vendor_failed ' +
      'with its status and message, and the reclaim stays ready.',
  ),
  cancel: step('Cancel the reclaim'),
};

export function reclaimRoutes(deps: AppDeps) {
  const { db, publicUrl } = deps;
  const run = (id: number, step: ReclaimStep, actor: string, reason?: string) =>
    takeReclaimStep(deps, id, { step, actor, reason });
  return new Hono<AppEnv>()
    .get('/reclaims', docs.list, requireSignedIn(), validate('query', ReclaimsQuery), async (c) =>
      c.json(await listReclaims(db, c.req.valid('query'))),
    )
    .post('/reclaims', docs.create, requireRole('it'), validate('json', CreateReclaimsBody), async (c) => {
      const created = await createReclaims(deps, {
        ...c.req.valid('json'),
        actor: actorOf(c.get('principal')),
        baseUrl: publicUrl ?? new URL(c.req.url).origin,
      });
      return c.json(created, 201);
    })
    .get('/reclaims/:id', docs.get, requireSignedIn(), validate('param', IdParam), async (c) =>
      c.json(await getReclaim(db, c.req.valid('param').id)),
    )
    .post('/reclaims/:id/release', docs.release, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await run(c.req.valid('param').id, 'release', actorOf(c.get('principal')))),
    )
    .post(
      '/reclaims/:id/keep',
      docs.keep,
      requireRole('it'),
      validate('param', IdParam),
      validate('json', KeepBody),
      async (c) =>
        c.json(await run(c.req.valid('param').id, 'keep', actorOf(c.get('principal')), c.req.valid('json').reason)),
    )
    .post('/reclaims/:id/ready', docs.ready, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await run(c.req.valid('param').id, 'ready', actorOf(c.get('principal')))),
    )
    .post('/reclaims/:id/revoke', docs.revoke, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await run(c.req.valid('param').id, 'revoke', actorOf(c.get('principal')))),
    )
    .post('/reclaims/:id/cancel', docs.cancel, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await run(c.req.valid('param').id, 'cancel', actorOf(c.get('principal')))),
    );
}
