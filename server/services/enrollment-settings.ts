// Who may enroll a browser: read by everyone signed in, changed field by field by an admin, every change audited.
import type { EnrollmentSettings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Conflict } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import { getEnrollmentSettings, saveEnrollmentSettings } from '../queries/enrollment-settings.ts';

export { getEnrollmentSettings as readEnrollmentSettings } from '../queries/enrollment-settings.ts';

/**
 * The rules after the change: only the fields sent change; a domain listed twice is kept once. Turning requireSso on
 * without single sign-on configured is refused (Conflict `sso_not_configured`): no browser could enroll any more.
 */
export async function changeEnrollmentSettings(
  db: Db,
  change: {
    allowedEmailDomains?: string[] | undefined;
    knownPeopleOnly?: boolean | undefined;
    requireSso?: boolean | undefined;
  },
  actor: string,
  ssoConfigured: boolean,
): Promise<EnrollmentSettings> {
  if (change.requireSso === true && !ssoConfigured) {
    throw new Conflict(
      'sso_not_configured',
      'requireSso needs single sign-on: set SEATWISE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET first, or no ' +
        'browser could enroll.',
    );
  }
  const before = await getEnrollmentSettings(db);
  const after: EnrollmentSettings = {
    allowedEmailDomains: change.allowedEmailDomains
      ? [...new Set(change.allowedEmailDomains)]
      : before.allowedEmailDomains,
    knownPeopleOnly: change.knownPeopleOnly ?? before.knownPeopleOnly,
    requireSso: change.requireSso ?? before.requireSso,
  };
  await saveEnrollmentSettings(db, after);
  await recordAudit(db, {
    actor,
    action: 'settings.enrollment',
    subjectType: 'settings',
    subjectId: 'enrollment',
    before,
    after,
  });
  return after;
}
