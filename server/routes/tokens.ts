// API tokens for automation (admin) and enrollment tokens for deploying the extension (admin, IT).
import { Hono } from 'hono';
import { CreateApiTokenBody, CreateEnrollmentTokenBody, TokenReply } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { createApiToken, createEnrollmentToken } from '../queries/tokens.ts';

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

export function tokenRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>()
    .post('/tokens', createApiTokenDoc, requireRole('admin'), validate('json', CreateApiTokenBody), async (c) => {
      const { name, role } = c.req.valid('json');
      const principal = c.get('principal');
      const created = await createApiToken(db, name, role, principal?.kind === 'user' ? principal.userId : null);
      await recordAudit(db, { actor: actorOf(principal), action: 'api_token.create', subjectType: 'api_token', subjectId: created.id, after: { name, role } });
      return c.json({ token: created.token } satisfies TokenReply, 201);
    })
    .post('/enrollment-tokens', createEnrollmentTokenDoc, requireRole('it'), validate('json', CreateEnrollmentTokenBody), async (c) => {
      const { label } = c.req.valid('json');
      const principal = c.get('principal');
      const created = await createEnrollmentToken(db, label ?? null, principal?.kind === 'user' ? principal.userId : null);
      await recordAudit(db, { actor: actorOf(principal), action: 'enrollment_token.create', subjectType: 'enrollment_token', subjectId: created.id, after: { label: label ?? null } });
      return c.json({ token: created.token } satisfies TokenReply, 201);
    });
}
