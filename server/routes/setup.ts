// /setup: with the one-time link printed at first start, create the first admin and sign in.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Email, Me } from '../contract.ts';
import { MIN_ADMIN_PASSWORD_LENGTH } from '../env.ts';
import { allowAnyone } from '../middleware/principal.ts';
import { setSessionCookie } from '../middleware/session-cookie.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { setUpFirstAdmin } from '../services/first-admin.ts';

const SetupBody = z.object({
  token: z.string().min(1).max(200),
  email: Email,
  password: z
    .string()
    .min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`)
    .max(1024),
});

const doc = describeRoute({
  summary: 'Create the first admin with the one-time setup link the server printed, and sign in',
  tags: ['auth'],
  responses: { 201: { description: 'The admin was created and signed in.', schema: Me } },
});

export function setupRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/setup', doc, allowAnyone(), validate('json', SetupBody), async (c) => {
    const { user, session } = await setUpFirstAdmin(deps, c.req.valid('json'));
    setSessionCookie(c, deps.secureCookies, session);
    return c.json(user satisfies Me, 201);
  });
}
