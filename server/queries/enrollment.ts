// Enrolling a browser: who the email is in the directory, and the device written in one atomic batch.
import type { InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import type { Browser } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { people } from '../db/schema.ts';
import type { KnownPerson } from '../domain/enrollment-policy.ts';

export async function findPersonForEnrollment(db: Db, email: string): Promise<KnownPerson> {
  const [row] = await db
    .select({ source: people.source, confirmedAt: people.confirmedAt })
    .from(people)
    .where(eq(people.email, email.toLowerCase()));
  return row ?? null;
}

export type EnrollInput = {
  deviceId: string;
  /** The hash of the device's token: the token itself is shown once to the device and stored nowhere. */
  tokenHash: string;
  email: string;
  /** When the identity provider vouched for the email (an SSO code), else null. */
  verifiedAt: Date | null;
  browser: Browser;
  extensionVersion: string;
  enrollmentTokenId: number;
  actor: string;
};

/** The token still live and below its device cap, checked inside the batch so parallel enrolls cannot overshoot it. */
const TOKEN_HAS_ROOM = `exists (select 1 from enrollment_tokens t where t.id = ? and t.revoked_at is null
  and (t.max_devices is null or (select count(*) from devices d where d.enrollment_token_id = t.id) < t.max_devices))`;

/**
 * Creates the person (marked as created by enrollment) if the email is new, the device, and its audit entry, or
 * nothing at all when the token has enrolled its maximum (false). One `write` batch: the write lock is taken
 * before the first read and the statements run without yielding, so parallel enrolls queue on the lock instead of
 * holding a read snapshot that must be upgraded under contention. Raw SQL: drizzle's batch cannot ask for a write
 * batch, and its insert-from-select must list every column. No row is read back, only whether the device was written.
 */
export async function enrollDevice(db: Db, input: EnrollInput): Promise<boolean> {
  const email = input.email.toLowerCase();
  const { deviceId } = input;
  const statements: InStatement[] = [
    {
      sql: `insert into people (email, source) select ?, 'enrollment'
            where ${TOKEN_HAS_ROOM} on conflict (email) do nothing`,
      args: [email, input.enrollmentTokenId],
    },
    {
      sql: `insert into devices
              (id, person_id, browser, extension_version, token_hash, enrollment_token_id, verified_at)
            select ?, p.id, ?, ?, ?, ?, ? from people p where p.email = ? and ${TOKEN_HAS_ROOM} returning id`,
      args: [
        deviceId,
        input.browser,
        input.extensionVersion,
        input.tokenHash,
        input.enrollmentTokenId,
        input.verifiedAt?.getTime() ?? null,
        email,
        input.enrollmentTokenId,
      ],
    },
    {
      sql: `insert into audit_log (actor, action, subject_type, subject_id, after)
            select ?, 'device.enroll', 'device', ?, ? where exists (select 1 from devices where id = ?)`,
      args: [
        input.actor,
        deviceId,
        JSON.stringify({
          email,
          browser: input.browser,
          extensionVersion: input.extensionVersion,
          enrollmentTokenId: input.enrollmentTokenId,
          verified: input.verifiedAt !== null,
        }),
        deviceId,
      ],
    },
  ];
  const [, device] = await db.$client.batch(statements, 'write');
  return device!.rows.length > 0;
}
