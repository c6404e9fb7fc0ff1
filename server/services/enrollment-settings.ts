// Who may enroll a browser: read by everyone signed in, changed field by field by an admin, every change audited.
import type { EnrollmentSettings } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../queries/audit.ts';
import { getEnrollmentSettings, saveEnrollmentSettings } from '../queries/enrollment-settings.ts';

export { getEnrollmentSettings as readEnrollmentSettings } from '../queries/enrollment-settings.ts';

/** The rules after the change: only the fields sent change; a domain listed twice is kept once. */
export async function changeEnrollmentSettings(
  db: Db,
  change: { allowedEmailDomains?: string[] | undefined; knownPeopleOnly?: boolean | undefined },
  actor: string,
): Promise<EnrollmentSettings> {
  const before = await getEnrollmentSettings(db);
  const after: EnrollmentSettings = {
    allowedEmailDomains: change.allowedEmailDomains
      ? [...new Set(change.allowedEmailDomains)]
      : before.allowedEmailDomains,
    knownPeopleOnly: change.knownPeopleOnly ?? before.knownPeopleOnly,
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
