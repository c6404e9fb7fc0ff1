// /settings/enrollment: who may enroll a browser; everyone signed in reads, an admin changes it.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { EnrollmentSettings, UpdateEnrollmentSettingsBody } from '../contract.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { changeEnrollmentSettings, readEnrollmentSettings } from '../services/enrollment-settings.ts';

const docs = {
  get: describeRoute({
    summary: 'Who may enroll a browser: allowed email domains, only people in the directory, only through SSO',
    tags: ['settings', 'devices'],
    responses: { 200: { description: 'The enrollment rules.', schema: EnrollmentSettings } },
  }),
  update: describeRoute({
    summary: 'Change who may enroll a browser (only the fields sent)',
    tags: ['settings', 'devices'],
    description:
      'allowedEmailDomains: lower-cased domains such as acme.com, which also admit their subdomains; an empty list ' +
      'admits any. knownPeopleOnly: only people an HR or seat import (or a seat added by hand) put in the directory ' +
      'may enroll, not people an earlier enrollment created. A refused enrollment answers 403 email_not_allowed and ' +
      'stores nothing. requireSso: browsers enroll only through single sign-on (the extension opens the sign-in with ' +
      'identity.launchWebAuthFlow), each bound to the email the identity provider vouched for; an enrollment token ' +
      'alone is refused with 403 sso_required. Turning it on without SSO configured answers 409 ' +
      'sso_not_configured. Devices already enrolled are not affected: revoke them by their enrollment token.',
    responses: { 200: { description: 'The rules after the change.', schema: EnrollmentSettings } },
  }),
};

export function settingsEnrollmentRoutes({ db, sso }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/settings/enrollment', docs.get, requireSignedIn(), async (c) => c.json(await readEnrollmentSettings(db)))
    .patch(
      '/settings/enrollment',
      docs.update,
      requireRole('admin'),
      validate('json', UpdateEnrollmentSettingsBody),
      async (c) => {
        const after = await changeEnrollmentSettings(
          db,
          c.req.valid('json'),
          actorOf(c.get('principal')),
          Boolean(sso),
        );
        return c.json(after satisfies EnrollmentSettings);
      },
    );
}
