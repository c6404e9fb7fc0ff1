// Enrolling a browser: who the email is in the directory, and the device written in one atomic batch.
import { randomUUID } from 'node:crypto';
import type { InStatement } from '@libsql/client';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Browser } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { KnownPerson } from '../domain/enrollment-policy.ts';

export async function findPersonForEnrollment(db: Db, email: string): Promise<KnownPerson> {
  const result = await db.$client.execute({
    sql: 'select source, confirmed_at from people where email = ?',
    args: [email.toLowerCase()],
  });
  const row = result.rows[0];
  if (!row) return null;
  return {
    source: row.source === 'enrollment' ? 'enrollment' : 'directory',
    confirmedAt: row.confirmed_at === null ? null : new Date(Number(row.confirmed_at)),
  };
}

export type EnrollInput = {
  email: string;
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
 * nothing at all when the token has enrolled its maximum ('used_up'). One `write` batch: the write lock is taken
 * before the first read and the statements run without yielding, so parallel enrolls queue on the lock instead of
 * holding a read snapshot that must be upgraded under contention.
 */
export async function enrollDevice(
  db: Db,
  input: EnrollInput,
): Promise<{ deviceId: string; deviceToken: string } | 'used_up'> {
  const email = input.email.toLowerCase();
  const deviceToken = newSecretToken('device');
  const deviceId = randomUUID();
  const statements: InStatement[] = [
    {
      sql: `insert into people (email, source) select ?, 'enrollment' where ${TOKEN_HAS_ROOM} on conflict (email) do nothing`,
      args: [email, input.enrollmentTokenId],
    },
    {
      sql: `insert into devices (id, person_id, browser, extension_version, token_hash, enrollment_token_id)
            select ?, p.id, ?, ?, ?, ? from people p where p.email = ? and ${TOKEN_HAS_ROOM} returning id`,
      args: [
        deviceId,
        input.browser,
        input.extensionVersion,
        hashToken(deviceToken),
        input.enrollmentTokenId,
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
        }),
        deviceId,
      ],
    },
  ];
  const [, device] = await db.$client.batch(statements, 'write');
  return device!.rows.length === 0 ? 'used_up' : { deviceId, deviceToken };
}
