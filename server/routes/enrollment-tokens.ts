// /enrollment-tokens: the tokens IT deploys the extension with (admin, IT); the secret is shown once, at creation.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  CreateEnrollmentTokenBody,
  EnrollmentTokenInfo,
  RevokeEnrollmentTokenQuery,
  RevokeEnrollmentTokenReply,
  TokenReply,
} from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, makerOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '../services/enrollment-tokens.ts';

const docs = {
  create: describeRoute({
    summary: 'Create an enrollment token for deploying the extension; the token is shown once',
    tags: ['devices'],
    description:
      'expiresAt (a timestamp, or a day: valid through its end, UTC) and maxDevices (devices it may ever enroll) ' +
      'limit what a leaked token can do.',
    responses: { 201: { description: 'The new token.', schema: TokenReply } },
  }),
  list: describeRoute({
    summary: 'Enrollment tokens (never the secrets themselves)',
    tags: ['devices'],
    responses: { 200: { description: 'Newest first.', schema: z.array(EnrollmentTokenInfo) } },
  }),
  revoke: describeRoute({
    summary:
      'Revoke an enrollment token: no new device can enroll with it; ' +
      'with ?revokeDevices=true its devices are revoked too',
    tags: ['devices'],
    description:
      'Without revokeDevices, devices enrolled with the token keep working. With revokeDevices=true every live ' +
      'device it enrolled is revoked in the same transaction (their next upload answers 401), also for a token ' +
      'revoked earlier.',
    responses: {
      200: {
        description: 'With revokeDevices=true: revoked, and how many devices went with it.',
        schema: RevokeEnrollmentTokenReply,
      },
      204: { description: 'Revoked (without revokeDevices).' },
    },
  }),
};

export function enrollmentTokenRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/enrollment-tokens',
      docs.create,
      requireRole('it'),
      validate('json', CreateEnrollmentTokenBody),
      async (c) => {
        const principal = c.get('principal');
        const token = await createEnrollmentToken(deps, c.req.valid('json'), {
          actor: actorOf(principal),
          userId: makerOf(principal),
        });
        return c.json({ token } satisfies TokenReply, 201);
      },
    )
    .get('/enrollment-tokens', docs.list, requireRole('it'), async (c) => c.json(await listEnrollmentTokens(deps.db)))
    .delete(
      '/enrollment-tokens/:id',
      docs.revoke,
      requireRole('it'),
      validate('param', IdParam),
      validate('query', RevokeEnrollmentTokenQuery),
      async (c) => {
        const { revokeDevices } = c.req.valid('query');
        const revoked = await revokeEnrollmentToken(
          deps,
          c.req.valid('param').id,
          revokeDevices,
          actorOf(c.get('principal')),
        );
        // Without revokeDevices the reply stays what it always was.
        return revokeDevices ? c.json(revoked satisfies RevokeEnrollmentTokenReply) : c.body(null, 204);
      },
    );
}
