// Apps: the catalog plus custom apps, their sanction status and owner (shadow IT is routes/discovered.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { App, CreateAppBody, UpdateAppBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { addCustomApp, changeApp, listApps } from '../services/apps.ts';

const AppIdParam = z.object({ id: z.string().max(63) });

const docs = {
  list: describeRoute({
    summary: 'Every app: the shipped catalog and custom apps',
    tags: ['apps'],
    responses: { 200: { description: 'Apps by name.', schema: z.array(App) } },
  }),
  create: describeRoute({
    summary: 'Add a custom app (an internal or unlisted SaaS) with the domains devices should measure',
    tags: ['apps'],
    responses: {
      201: { description: 'The new app; devices pick it up with their next catalog refresh.', schema: App },
    },
  }),
  update: describeRoute({
    summary: 'Change an app: name, domains, category, sanction status, owner',
    tags: ['apps'],
    description:
      'A catalog app whose name, domains or category were edited keeps the edits when the shipped catalog updates.',
    responses: { 200: { description: 'The app after the change.', schema: App } },
  }),
};

export function appRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/apps', docs.list, requireSignedIn(), async (c) => c.json(await listApps(deps.db)))
    .post('/apps', docs.create, requireRole('it'), validate('json', CreateAppBody), async (c) =>
      c.json(await addCustomApp(deps, c.req.valid('json'), actorOf(c.get('principal'))), 201),
    )
    .patch(
      '/apps/:id',
      docs.update,
      requireRole('it'),
      validate('param', AppIdParam),
      validate('json', UpdateAppBody),
      async (c) =>
        c.json(await changeApp(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c.get('principal')))),
    );
}
