// /users: dashboard users and their roles (admin only).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateUserBody, UpdateUserBody, User } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { addUser, changeUser, listUsers } from '../services/users.ts';

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

export function userRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/users', docs.list, requireRole('admin'), async (c) => c.json(await listUsers(db)))
    .post('/users', docs.create, requireRole('admin'), validate('json', CreateUserBody), async (c) => {
      const user = await addUser(db, c.req.valid('json'), actorOf(c.get('principal')));
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
        const after = await changeUser(deps, id, c.req.valid('json'), actorOf(c.get('principal')));
        return c.json(after);
      },
    );
}
