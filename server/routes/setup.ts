// One-time setup: with the link printed at first start, create the first admin and sign in.
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { hashToken } from '../auth/secret-token.ts';
import { SETUP_TOKEN_SETTING } from '../bootstrap.ts';
import { Email, Me } from '../contract.ts';
import { MIN_ADMIN_PASSWORD_LENGTH } from '../env.ts';
import { Conflict, Unauthenticated } from '../errors.ts';
import { allowAnyone } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { deleteSetting, getSetting } from '../queries/settings.ts';
import { countUsers, createSession, createUser } from '../queries/users.ts';
import { startSession } from './auth.ts';

const SetupBody = z.object({
  token: z.string().min(1).max(200),
  email: Email,
  password: z
    .string()
    .min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`)
    .max(1024),
});

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function setupRoutes(deps: AppDeps) {
  const { db, now } = deps;
  const doc = describeRoute({
    summary: 'Create the first admin with the one-time setup link the server printed, and sign in',
    tags: ['auth'],
    responses: { 201: { description: 'The admin was created and signed in.', schema: Me } },
  });
  return new Hono<AppEnv>().post('/setup', doc, allowAnyone(), validate('json', SetupBody), async (c) => {
    const { token, email, password } = c.req.valid('json');
    const stored = await getSetting<string>(db, SETUP_TOKEN_SETTING);
    if ((await countUsers(db)) > 0 || stored === null) {
      throw new Conflict('already_set_up', 'Seatwise is already set up; sign in instead.');
    }
    if (!sameHash(hashToken(token), stored)) {
      throw new Unauthenticated(
        'invalid_setup_token',
        'The setup link is not valid; use the latest link the server printed.',
      );
    }
    const user = await createUser(db, email, password, 'admin');
    await deleteSetting(db, SETUP_TOKEN_SETTING);
    await recordAudit(db, {
      actor: `user:${user.email}`,
      action: 'user.create',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: user.email, role: user.role },
    });
    const session = await createSession(db, user.id, now());
    startSession(c, deps, session.token);
    return c.json(user satisfies Me, 201);
  });
}
