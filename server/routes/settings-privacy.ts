// /settings/privacy: how long usage is kept, works-council mode and the smallest group shown (DESIGN section 10).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PrivacySettings, UpdatePrivacySettingsBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getPrivacySettings, updatePrivacySettings } from '../services/privacy-settings.ts';

const docs = {
  privacySettings: describeRoute({
    summary: 'Privacy controls: usage retention in days, works-council mode (pseudonyms) and the smallest group shown',
    tags: ['settings'],
    responses: { 200: { description: 'The settings.', schema: PrivacySettings } },
  }),
  updatePrivacySettings: describeRoute({
    summary: 'Change the privacy controls (only the fields sent); lowering retention deletes older usage soon after',
    tags: ['settings'],
    responses: { 200: { description: 'The settings after the change.', schema: PrivacySettings } },
  }),
};

export function settingsPrivacyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/settings/privacy', docs.privacySettings, requireSignedIn(), async (c) =>
      c.json(await getPrivacySettings(deps.db)),
    )
    .patch(
      '/settings/privacy',
      docs.updatePrivacySettings,
      requireRole('admin'),
      validate('json', UpdatePrivacySettingsBody),
      async (c) => c.json(await updatePrivacySettings(deps, c.req.valid('json'), actorOf(c.get('principal')))),
    );
}
