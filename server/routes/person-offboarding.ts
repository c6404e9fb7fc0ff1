// Offboarding one person: revoke every ready reclaim of theirs at once, each vendor asked first.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { RevokeAllReply } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { revokeAllForPerson } from '../services/offboarding.ts';

const doc = describeRoute({
  summary: "Revoke all of a person's ready reclaims (offboarding), asking each connected vendor first",
  tags: ['reclaims'],
  description:
    'Each ready or released reclaim of the person is revoked as POST /reclaims/:id/revoke would; a vendor that ' +
    'refuses leaves its reclaim ready and is listed in failed. Running it again revokes only what is left.',
  responses: { 200: { description: 'What was revoked and what failed.', schema: RevokeAllReply } },
});

export function personOffboardingRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/people/:id/revoke-seats',
    doc,
    requireRole('it'),
    validate('param', IdParam),
    async (c) => c.json(await revokeAllForPerson(deps, c.req.valid('param').id, actorOf(c.get('principal')))),
  );
}
