// /settings/alerts: alert thresholds, who is emailed, and the days a holder has to answer a reclaim.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AlertSettings, UpdateAlertSettingsBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getAlertSettings, updateAlertSettings } from '../services/alert-settings.ts';

const docs = {
  alertSettings: describeRoute({
    summary: 'Alert thresholds, who is emailed, and the days a holder has to answer a reclaim',
    tags: ['settings'],
    responses: { 200: { description: 'The settings.', schema: AlertSettings } },
  }),
  updateAlertSettings: describeRoute({
    summary: 'Change alert thresholds, email recipients or the reclaim answer period',
    tags: ['settings'],
    responses: { 200: { description: 'The settings after the change.', schema: AlertSettings } },
  }),
};

export function settingsAlertRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/settings/alerts', docs.alertSettings, requireSignedIn(), async (c) =>
      c.json(await getAlertSettings(deps.db)),
    )
    .patch(
      '/settings/alerts',
      docs.updateAlertSettings,
      requireRole('admin'),
      validate('json', UpdateAlertSettingsBody),
      async (c) => c.json(await updateAlertSettings(deps, c.req.valid('json'), actorOf(c.get('principal')))),
    );
}
