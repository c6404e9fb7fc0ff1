// Vendor aliases: the vendor names contract registers use, mapped to apps (admins write; everyone signed in reads).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateVendorAliasBody, VendorAlias } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { addAlias, listAliases, removeAlias } from '../services/vendor-aliases.ts';

const docs = {
  list: describeRoute({
    summary: 'Vendor names and the apps they are',
    tags: ['subscriptions'],
    description: "The admins' aliases first (they win over the shipped ones), then the shipped legal names.",
    responses: { 200: { description: 'Every alias.', schema: z.array(VendorAlias) } },
  }),
  create: describeRoute({
    summary: 'Map a vendor name to an app',
    tags: ['subscriptions'],
    description:
      'The name is stored normalised (case, punctuation and legal suffixes such as Inc, LLC, GmbH removed); an ' +
      'alias that exists is pointed at the new app.',
    responses: { 201: { description: 'The alias.', schema: VendorAlias } },
  }),
  remove: describeRoute({
    summary: "Remove an admin's vendor alias",
    tags: ['subscriptions'],
    responses: { 200: { description: 'Removed.', schema: z.object({ deleted: z.literal(true) }) } },
  }),
};

const AliasParam = z.object({ alias: z.string().min(1).max(200) });

export function vendorAliasRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/vendor-aliases', docs.list, requireSignedIn(), async (c) => c.json(await listAliases(db)))
    .post('/vendor-aliases', docs.create, requireRole('admin'), validate('json', CreateVendorAliasBody), async (c) =>
      c.json(await addAlias(db, c.req.valid('json'), actorOf(c.get('principal'))), 201),
    )
    .delete('/vendor-aliases/:alias', docs.remove, requireRole('admin'), validate('param', AliasParam), async (c) =>
      c.json(await removeAlias(db, c.req.valid('param').alias, actorOf(c.get('principal')))),
    );
}
