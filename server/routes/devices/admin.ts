// /devices for IT: enrolled devices (who reports, from which browser, last seen when), and revoking a device's token.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { DeviceList, Email } from '../../contract.ts';
import { actorOf, requireRole } from '../../middleware/principal.ts';
import { validate } from '../../middleware/validate.ts';
import { describeRoute } from '../../openapi/route-meta.ts';
import { listDevices, revokeDevice } from '../../services/devices.ts';

const DevicesQuery = z.object({
  email: Email.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const DeviceParam = z.object({ id: z.uuid('must be a device id') });

const docs = {
  list: describeRoute({
    summary: 'Enrolled devices with their person, browser, extension version and last upload',
    tags: ['devices'],
    responses: { 200: { description: 'Most recently seen first.', schema: DeviceList } },
  }),
  revoke: describeRoute({
    summary: "Revoke a device's token (its usage stays; with a live enrollment token the extension enrolls again)",
    tags: ['devices'],
    responses: { 204: { description: 'Revoked.' } },
  }),
};

export function deviceAdminRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/devices', docs.list, requireRole('it'), validate('query', DevicesQuery), async (c) =>
      c.json(await listDevices(deps.db, c.req.valid('query'))),
    )
    .delete('/devices/:id', docs.revoke, requireRole('it'), validate('param', DeviceParam), async (c) => {
      await revokeDevice(deps, c.req.valid('param').id, actorOf(c.get('principal')));
      return c.body(null, 204);
    });
}
