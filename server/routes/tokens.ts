// API tokens for automation (admin) and enrollment tokens for deploying the extension (admin, IT).
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiTokenInfo, CreateApiTokenBody, CreateEnrollmentTokenBody, EnrollmentTokenInfo, TokenReply } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { actorOf, makerOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { createApiToken, createEnrollmentToken, listApiTokens, listEnrollmentTokens, revokeApiToken, revokeEnrollmentToken } from '../queries/tokens.ts';

const createApiTokenDoc = describeRoute({
  summary: 'Create an API token for automation; the token is shown once',
  tags: ['tokens'],
  responses: { 201: { description: 'The new token.', schema: TokenReply } },
});
const createEnrollmentTokenDoc = describeRoute({
  summary: 'Create an enrollment token for deploying the extension; the token is shown once',
  tags: ['devices'],
  responses: { 201: { description: 'The new token.', schema: TokenReply } },
});

const listApiTokensDoc = describeRoute({
  summary: 'API tokens (never the secrets themselves)',
  tags: ['tokens'],
  responses: { 200: { description: 'Newest first.', schema: z.array(ApiTokenInfo) } },
});
const revokeApiTokenDoc = describeRoute({ summary: 'Revoke an API token', tags: ['tokens'], responses: { 204: { description: 'Revoked.' } } });
const listEnrollmentTokensDoc = describeRoute({
  summary: 'Enrollment tokens (never the secrets themselves)',
  tags: ['devices'],
  responses: { 200: { description: 'Newest first.', schema: z.array(EnrollmentTokenInfo) } },
});
const revokeEnrollmentTokenDoc = describeRoute({
  summary: 'Revoke an enrollment token: no new device can enroll with it; enrolled devices keep working',
  tags: ['devices'],
  responses: { 204: { description: 'Revoked.' } },
});

export function tokenRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .post('/tokens', createApiTokenDoc, requireRole('admin'), validate('json', CreateApiTokenBody), async (c) => {
      const { name, role } = c.req.valid('json');
      const principal = c.get('principal');
      const created = await createApiToken(db, name, role, makerOf(principal));
      await recordAudit(db, { actor: actorOf(principal), action: 'api_token.create', subjectType: 'api_token', subjectId: created.id, after: { name, role } });
      return c.json({ token: created.token } satisfies TokenReply, 201);
    })
    .post('/enrollment-tokens', createEnrollmentTokenDoc, requireRole('it'), validate('json', CreateEnrollmentTokenBody), async (c) => {
      const { label } = c.req.valid('json');
      const principal = c.get('principal');
      const created = await createEnrollmentToken(db, label ?? null, makerOf(principal));
      await recordAudit(db, { actor: actorOf(principal), action: 'enrollment_token.create', subjectType: 'enrollment_token', subjectId: created.id, after: { label: label ?? null } });
      return c.json({ token: created.token } satisfies TokenReply, 201);
    })
    .get('/tokens', listApiTokensDoc, requireRole('admin'), async (c) => c.json(await listApiTokens(db)))
    .delete('/tokens/:id', revokeApiTokenDoc, requireRole('admin'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiToken(db, id, now()))) throw notFound('A live API token with this id');
      await recordAudit(db, { actor: actorOf(c.get('principal')), action: 'api_token.revoke', subjectType: 'api_token', subjectId: id });
      return c.body(null, 204);
    })
    .get('/enrollment-tokens', listEnrollmentTokensDoc, requireRole('it'), async (c) => c.json(await listEnrollmentTokens(db)))
    .delete('/enrollment-tokens/:id', revokeEnrollmentTokenDoc, requireRole('it'), validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeEnrollmentToken(db, id, now()))) throw notFound('A live enrollment token with this id');
      await recordAudit(db, { actor: actorOf(c.get('principal')), action: 'enrollment_token.revoke', subjectType: 'enrollment_token', subjectId: id });
      return c.body(null, 204);
    });
}
