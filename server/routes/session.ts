// /session: who is signed in, or null; what the dashboard asks on its first load, so it never answers 401.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { meOf } from '../auth/principal.ts';
import { SessionReply } from '../contract.ts';
import { allowAnyone } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';

const doc = describeRoute({
  summary: 'Who is signed in, or null; never 401',
  tags: ['auth'],
  description:
    'What the dashboard asks on its first load: unlike GET /me it answers 200 before sign-in, so a browser logs no ' +
    'failed request.',
  responses: { 200: { description: 'The signed-in user or API token, or null.', schema: SessionReply } },
});

export function sessionRoutes() {
  return new Hono<AppEnv>().get('/session', doc, allowAnyone(), (c) => {
    const principal = c.get('principal');
    return c.json({ user: principal ? meOf(principal) : null } satisfies SessionReply);
  });
}
