// Apps: the catalog plus custom apps, their sanction status and owner; and shadow IT (apps used without a subscription).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { App, CreateAppBody, Day, DiscoveredApp, UpdateAppBody } from '../contract.ts';
import { conflict, notFound } from '../errors.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { findDomainOwner, getApp, listApps, saveAppChanges, saveNewApp } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { listDiscoveredApps } from '../queries/discovered.ts';
import { announceChange } from '../services/changes.ts';

const AppIdParam = z.object({ id: z.string().max(63) });
const DiscoveredQuery = z.object({ since: Day.optional() });

/** `Acme Wiki!` -> `acme-wiki`. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'app';

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
  discovered: describeRoute({
    summary: 'Shadow IT: apps in use that no subscription covers, with users and departments',
    tags: ['apps'],
    responses: { 200: { description: 'Most users first.', schema: z.array(DiscoveredApp) } },
  }),
};

export function appRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get('/apps', docs.list, requireSignedIn(), async (c) => c.json(await listApps(db)))
    .post('/apps', docs.create, requireRole('it'), validate('json', CreateAppBody), async (c) => {
      const body = c.req.valid('json');
      const id = body.id ?? slugOf(body.name);
      const taken = await findDomainOwner(db, body.domains);
      if (taken) throw conflict('domain_taken', `${taken.domain} already belongs to the app "${taken.appId}".`);
      const created = await saveNewApp(db, {
        id,
        name: body.name,
        domains: body.domains,
        category: body.category ?? null,
        status: body.status,
        ownerEmail: body.ownerEmail ?? null,
      });
      if (!created) throw conflict('app_exists', `An app with the id "${id}" exists already; choose another id.`);
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'app.create',
        subjectType: 'app',
        subjectId: id,
        after: created,
      });
      announceChange(deps, 'apps');
      return c.json(created, 201);
    })
    .patch(
      '/apps/:id',
      docs.update,
      requireRole('it'),
      validate('param', AppIdParam),
      validate('json', UpdateAppBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const before = await getApp(db, id);
        if (!before) throw notFound('The app');
        if (changes.domains) {
          const taken = await findDomainOwner(db, changes.domains, id);
          if (taken) throw conflict('domain_taken', `${taken.domain} already belongs to the app "${taken.appId}".`);
        }
        const after = await saveAppChanges(db, id, changes, now());
        await recordAudit(db, {
          actor: actorOf(c.get('principal')),
          action: 'app.update',
          subjectType: 'app',
          subjectId: id,
          before,
          after,
        });
        announceChange(deps, 'apps');
        return c.json(after!);
      },
    )
    .get('/discovered', docs.discovered, requireSignedIn(), validate('query', DiscoveredQuery), async (c) => {
      return c.json(await listDiscoveredApps(db, c.req.valid('query').since ?? null));
    });
}
