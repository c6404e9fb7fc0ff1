// /tokens: API tokens for automation (admin); the secret is shown once, at creation.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { ApiTokenInfo, CreateApiTokenBody, TokenReply } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, makerOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/api-tokens.ts';

const docs = {
  create: describeRoute({
    summary: 'Create an API token for automation; the token is shown once',
    tags: ['tokens'],
    responses: { 201: { description: 'The new token.', schema: TokenReply } },
  }),
  list: describeRoute({
    summary: 'API tokens (never the secrets themselves)',
    tags: ['tokens'],
    responses: { 200: { description: 'Newest first.', schema: z.array(ApiTokenInfo) } },
  }),
  revoke: describeRoute({
    summary: 'Revoke an API token',
    tags: ['tokens'],
    responses: { 204: { description: 'Revoked.' } },
  }),
};

export function tokenRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post('/tokens', docs.create, requireRole('admin'), validate('json', CreateApiTokenBody), async (c) => {
      const principal = c.get('principal');
      const token = await createApiToken(db, c.req.valid('json'), {
        actor: actorOf(principal),
        userId: makerOf(principal),
      });
      return c.json({ token } satisfies TokenReply, 201);
    })
    .get('/tokens', docs.list, requireRole('admin'), async (c) => c.json(await listApiTokens(db)))
    .delete('/tokens/:id', docs.revoke, requireRole('admin'), validate('param', IdParam), async (c) => {
      await revokeApiToken(deps, c.req.valid('param').id, actorOf(c.get('principal')));
      return c.body(null, 204);
    });
}
