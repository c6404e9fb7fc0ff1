// API tokens for automation (admin) and enrollment tokens for deploying the extension (admin, IT).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  ApiTokenInfo,
  CreateApiTokenBody,
  CreateEnrollmentTokenBody,
  EnrollmentTokenInfo,
  RevokeEnrollmentTokenQuery,
  RevokeEnrollmentTokenReply,
  TokenReply,
} from '../contract.ts';
import { tokenLimits } from '../domain/enrollment-policy.ts';
import { badRequest, notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, makerOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import {
  createApiToken,
  createEnrollmentToken,
  listApiTokens,
  listEnrollmentTokens,
  revokeApiToken,
  revokeEnrollmentToken,
} from '../queries/tokens.ts';

const createApiTokenDoc = describeRoute({
  summary: 'Create an API token for automation; the token is shown once',
  tags: ['tokens'],
  responses: { 201: { description: 'The new token.', schema: TokenReply } },
});
const createEnrollmentTokenDoc = describeRoute({
  summary: 'Create an enrollment token for deploying the extension; the token is shown once',
  tags: ['devices'],
  description:
    'expiresAt (a timestamp, or a day: valid through its end, UTC) and maxDevices (devices it may ever enroll) limit what a leaked token can do.',
  responses: { 201: { description: 'The new token.', schema: TokenReply } },
});

const listApiTokensDoc = describeRoute({
  summary: 'API tokens (never the secrets themselves)',
  tags: ['tokens'],
  responses: { 200: { description: 'Newest first.', schema: z.array(ApiTokenInfo) } },
});
const revokeApiTokenDoc = describeRoute({
  summary: 'Revoke an API token',
  tags: ['tokens'],
  responses: { 204: { description: 'Revoked.' } },
});
const listEnrollmentTokensDoc = describeRoute({
  summary: 'Enrollment tokens (never the secrets themselves)',
  tags: ['devices'],
  responses: { 200: { description: 'Newest first.', schema: z.array(EnrollmentTokenInfo) } },
});
const revokeEnrollmentTokenDoc = describeRoute({
  summary:
    'Revoke an enrollment token: no new device can enroll with it; with ?revokeDevices=true its devices are revoked too',
  tags: ['devices'],
  description:
    'Without revokeDevices, devices enrolled with the token keep working. With revokeDevices=true every live device it enrolled is revoked in the same transaction (their next upload answers 401), also for a token revoked earlier.',
  responses: {
    200: {
      description: 'With revokeDevices=true: revoked, and how many devices went with it.',
      schema: RevokeEnrollmentTokenReply,
    },
    204: { description: 'Revoked (without revokeDevices).' },
  },
});

export function tokenRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .post('/tokens', createApiTokenDoc, requireRole('admin'), validate('json', CreateApiTokenBody), async (c) => {
      const { name, role } = c.req.valid('json');
      const principal = c.get('principal');
      const created = await createApiToken(db, name, role, makerOf(principal));
      await recordAudit(db, {
        actor: actorOf(principal),
        action: 'api_token.create',
        subjectType: 'api_token',
        subjectId: created.id,
        after: { name, role },
      });
      return c.json({ token: created.token } satisfies TokenReply, 201);
    })
    .post(
      '/enrollment-tokens',
      createEnrollmentTokenDoc,
      requireRole('it'),
      validate('json', CreateEnrollmentTokenBody),
      async (c) => {
        const limits = tokenLimits(c.req.valid('json'), now());
        if ('problem' in limits) throw badRequest('invalid_body', limits.problem);
        const principal = c.get('principal');
        const created = await createEnrollmentToken(db, limits, makerOf(principal));
        await recordAudit(db, {
          actor: actorOf(principal),
          action: 'enrollment_token.create',
          subjectType: 'enrollment_token',
          subjectId: created.id,
          after: {
            label: limits.label,
            expiresAt: limits.expiresAt?.toISOString() ?? null,
            maxDevices: limits.maxDevices,
          },
        });
        return c.json({ token: created.token } satisfies TokenReply, 201);
      },
    )
    .get('/tokens', listApiTokensDoc, requireRole('admin'), async (c) => c.json(await listApiTokens(db)))
    .delete('/tokens/:id', revokeApiTokenDoc, requireRole('admin'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiToken(db, id, now()))) throw notFound('A live API token with this id');
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'api_token.revoke',
        subjectType: 'api_token',
        subjectId: id,
      });
      return c.body(null, 204);
    })
    .get('/enrollment-tokens', listEnrollmentTokensDoc, requireRole('it'), async (c) =>
      c.json(await listEnrollmentTokens(db)),
    )
    .delete(
      '/enrollment-tokens/:id',
      revokeEnrollmentTokenDoc,
      requireRole('it'),
      validate('param', IdParam),
      validate('query', RevokeEnrollmentTokenQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const { revokeDevices } = c.req.valid('query');
        const revoked = await revokeEnrollmentToken(db, id, now(), revokeDevices);
        if (!revoked)
          throw notFound(revokeDevices ? 'An enrollment token with this id' : 'A live enrollment token with this id');
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'enrollment_token.revoke',
          subjectType: 'enrollment_token',
          subjectId: id,
          after: { revokeDevices, devicesRevoked: revoked.devicesRevoked },
        });
        // Without revokeDevices the reply stays what it always was.
        return revokeDevices ? c.json(revoked satisfies RevokeEnrollmentTokenReply) : c.body(null, 204);
      },
    );
}
