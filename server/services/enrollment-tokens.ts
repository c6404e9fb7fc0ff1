// Enrollment tokens for deploying the extension: made within their limits, listed with their devices, revoked (with
// their devices, when asked).
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { EnrollmentTokenInfo, RevokeEnrollmentTokenReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { tokenLimits } from '../domain/enrollment-policy.ts';
import { badRequest, notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import * as tokens from '../queries/tokens.ts';
import type { Requester } from './api-tokens.ts';

type Deps = { db: Db; now: () => Date };
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The new token's secret, shown this once; only its hash is stored. Limits that make no sense are Invalid. */
export async function createEnrollmentToken(
  { db, now }: Deps,
  input: Parameters<typeof tokenLimits>[0],
  by: Requester,
): Promise<string> {
  const limits = tokenLimits(input, now());
  if ('problem' in limits) throw badRequest('invalid_body', limits.problem);
  const token = newSecretToken('enrollment');
  const id = await tokens.createEnrollmentToken(db, { ...limits, tokenHash: hashToken(token), createdBy: by.userId });
  await recordAudit(db, {
    actor: by.actor,
    action: 'enrollment_token.create',
    subjectType: 'enrollment_token',
    subjectId: id,
    after: { label: limits.label, expiresAt: iso(limits.expiresAt), maxDevices: limits.maxDevices },
  });
  return token;
}

export async function listEnrollmentTokens(db: Db): Promise<EnrollmentTokenInfo[]> {
  return (await tokens.listEnrollmentTokens(db)).map((token) => ({
    id: token.id,
    label: token.label,
    createdAt: token.createdAt.toISOString(),
    revokedAt: iso(token.revokedAt),
    expiresAt: iso(token.expiresAt),
    maxDevices: token.maxDevices,
    devicesEnrolled: token.devicesEnrolled,
    devicesLive: token.devicesLive,
  }));
}

/** With `revokeDevices` a token revoked earlier may be named again, to revoke the devices it enrolled. */
export async function revokeEnrollmentToken(
  { db, now }: Deps,
  id: number,
  revokeDevices: boolean,
  actor: string,
): Promise<RevokeEnrollmentTokenReply> {
  const revoked = await tokens.revokeEnrollmentToken(db, id, now(), revokeDevices);
  if (!revoked) {
    throw notFound(revokeDevices ? 'An enrollment token with this id' : 'A live enrollment token with this id');
  }
  await recordAudit(db, {
    actor,
    action: 'enrollment_token.revoke',
    subjectType: 'enrollment_token',
    subjectId: id,
    after: { revokeDevices, devicesRevoked: revoked.devicesRevoked },
  });
  return revoked;
}
