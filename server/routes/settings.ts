// Server-wide settings: the defaults new subscriptions start with.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Settings, UpdateSettingsBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { recordAudit } from '../queries/audit.ts';
import { getDefaults, saveDefaults } from '../queries/defaults.ts';

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
    .get('/settings', docs.get, requireSignedIn(), async (c) =>
      c.json({ defaults: await getDefaults(db) } satisfies Settings),
    )
    .patch('/settings', docs.update, requireRole('admin'), validate('json', UpdateSettingsBody), async (c) => {
      const before = await getDefaults(db);
      const after = { ...before, ...c.req.valid('json').defaults };
      await saveDefaults(db, after);
      await recordAudit(db, {
        actor: actorOf(c.get('principal')),
        action: 'settings.update',
        subjectType: 'settings',
        subjectId: 'defaults',
        before,
        after,
      });
      return c.json({ defaults: after } satisfies Settings);
    });
}
