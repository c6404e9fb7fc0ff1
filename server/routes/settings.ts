// Server-wide settings: the defaults new subscriptions start with.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Settings, UpdateSettingsBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { changeSettings, readSettings } from '../services/settings.ts';

const docs = {
  get: describeRoute({
    summary: 'Settings: the activity window and minimum active minutes new subscriptions start with',
    tags: ['settings'],
    responses: { 200: { description: 'The settings.', schema: Settings } },
  }),
  update: describeRoute({
    summary: 'Change settings (only the fields sent)',
    tags: ['settings'],
    responses: { 200: { description: 'The settings after the change.', schema: Settings } },
  }),
};

export function settingsRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/settings', docs.get, requireSignedIn(), async (c) => c.json(await readSettings(db)))
    .patch('/settings', docs.update, requireRole('admin'), validate('json', UpdateSettingsBody), async (c) =>
      c.json(await changeSettings(db, c.req.valid('json'), actorOf(c.get('principal')))),
    );
}
