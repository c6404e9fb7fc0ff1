// Dashboard users and their roles (admin only). The last enabled admin can be neither disabled nor demoted.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateUserBody, UpdateUserBody, User } from '../contract.ts';
import { conflict, notFound } from '../errors.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import {
  countEnabledAdmins,
  createUser,
  findUserByEmail,
  getUser,
  listUsers,
  saveUserChanges,
} from '../queries/users.ts';

const docs = {
  list: describeRoute({
    summary: 'Dashboard users and their roles',
    tags: ['users'],
    responses: { 200: { description: 'By email.', schema: z.array(User) } },
  }),
  create: describeRoute({
    summary: 'Add a dashboard user with a first password (at least 12 characters)',
    tags: ['users'],
    responses: { 201: { description: 'The new user.', schema: User } },
  }),
  update: describeRoute({
    summary: "Change a user's role, disable or enable them, or set a new password; their sessions end",
    tags: ['users'],
    responses: { 200: { description: 'The user after the change.', schema: User } },
  }),
};

export function userRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/users', docs.list, requireRole('admin'), async (c) => c.json(await listUsers(db)))
    .post('/users', docs.create, requireRole('admin'), validate('json', CreateUserBody), async (c) => {
      const { email, role, password } = c.req.valid('json');
      if (await findUserByEmail(db, email)) throw conflict('user_exists', `${email} already has a Seatwise login.`);
      const created = await createUser(db, email, password, role);
      const user = (await getUser(db, created.id))!;
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        after: user,
      });
      return c.json(user, 201);
    })
    .patch(
      '/users/:id',
      docs.update,
      requireRole('admin'),
      validate('param', IdParam),
      validate('json', UpdateUserBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const before = await getUser(db, id);
        if (!before) throw notFound('The user');
        const losesAdmin =
          before.role === 'admin' &&
          !before.disabled &&
          ((changes.role && changes.role !== 'admin') || changes.disabled === true);
        if (losesAdmin && (await countEnabledAdmins(db)) <= 1) {
          throw conflict('last_admin', 'This is the only admin who can sign in; make another admin first.');
        }
        const after = await saveUserChanges(db, id, changes, now());
        // The password itself never goes into the audit log: only that it changed.
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'user.update',
          subjectType: 'user',
          subjectId: id,
          before,
          after: { ...after, ...(changes.password ? { passwordChanged: true } : {}) },
        });
        return c.json(after!);
      },
    );
}
