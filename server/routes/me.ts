// /me: who is calling, for a signed-in user or an API token (401 otherwise).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { meOf } from '../auth/principal.ts';
import { Me } from '../contract.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';

const doc = describeRoute({
  summary: 'Who is calling',
  tags: ['auth'],
  responses: { 200: { description: 'The signed-in user or API token.', schema: Me } },
});

export function meRoutes() {
  return new Hono<AppEnv>().get('/me', doc, requireSignedIn(), (c) => c.json(meOf(c.get('principal')!)));
}
