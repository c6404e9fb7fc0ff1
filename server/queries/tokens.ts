// API tokens for automation and enrollment tokens for devices: shown once, stored as hashes.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import { effectiveTokenRole } from '../auth/token-role.ts';
import type { ApiTokenInfo, EnrollmentTokenInfo, Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apiTokens, devices, enrollmentTokens, users } from '../db/schema.ts';

export async function createApiToken(db: Db, name: string, role: Role, createdBy: number | null) {
  const token = newSecretToken('api');
  const [row] = await db
    .insert(apiTokens)
    .values({ name, role, tokenHash: hashToken(token), createdBy })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

export type ApiTokenPrincipal = { id: number; name: string; role: Role; makerId: number | null };

/**
 * The live token with this secret, acting with at most its maker's current role; null when it is unknown, revoked,
 * or its maker has been disabled (a token never outlives the access of the person who made it).
 */
export async function getApiTokenPrincipal(db: Db, token: string, now: Date): Promise<ApiTokenPrincipal | null> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      makerId: apiTokens.createdBy,
      makerRole: users.role,
      makerDisabledAt: users.disabledAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (row.makerId !== null && (row.makerRole === null || row.makerDisabledAt !== null)) return null;
  // Last use to the minute is enough, and spares a write on every request of a busy script.
  const staleBefore = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  return { id: row.id, name: row.name, role: effectiveTokenRole(row.role, row.makerRole), makerId: row.makerId };
}

export type EnrollmentTokenLimits = { label: string | null; expiresAt: Date | null; maxDevices: number | null };

export async function createEnrollmentToken(db: Db, limits: EnrollmentTokenLimits, createdBy: number | null) {
  const token = newSecretToken('enrollment');
  const [row] = await db
    .insert(enrollmentTokens)
    .values({ ...limits, tokenHash: hashToken(token), createdBy })
    .returning({ id: enrollmentTokens.id });
  return { id: row!.id, token };
}

export type EnrollmentTokenRow = {
  id: number;
  label: string | null;
  expiresAt: Date | null;
  maxDevices: number | null;
};

/** The not revoked enrollment token with this secret (expired or not: the caller says which), or null. */
export async function findLiveEnrollmentToken(db: Db, token: string): Promise<EnrollmentTokenRow | null> {
  const [row] = await db
    .select({
      id: enrollmentTokens.id,
      label: enrollmentTokens.label,
      expiresAt: enrollmentTokens.expiresAt,
      maxDevices: enrollmentTokens.maxDevices,
    })
    .from(enrollmentTokens)
    .where(and(eq(enrollmentTokens.tokenHash, hashToken(token)), isNull(enrollmentTokens.revokedAt)));
  return row ?? null;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const maker = alias(users, 'maker');
  const rows = await db
    .select({ token: apiTokens, makerEmail: maker.email, makerRole: maker.role, makerDisabledAt: maker.disabledAt })
    .from(apiTokens)
    .leftJoin(maker, eq(maker.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.id));
  return rows.map(({ token, makerEmail, makerRole, makerDisabledAt }) => {
    const makerGone = token.createdBy !== null && (makerRole === null || makerDisabledAt !== null);
    return {
      id: token.id,
      name: token.name,
      role: token.role,
      createdBy: makerEmail,
      actsAs: token.revokedAt || makerGone ? null : effectiveTokenRole(token.role, makerRole),
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: iso(token.lastUsedAt),
      revokedAt: iso(token.revokedAt),
    };
  });
}

export async function listEnrollmentTokens(db: Db): Promise<EnrollmentTokenInfo[]> {
  const rows = await db
    .select({
      token: enrollmentTokens,
      // Spelled out: drizzle drops table names in a one-table select, which would make both sides the device's column.
      devicesEnrolled: sql<number>`(select count(*) from devices d where d.enrollment_token_id = enrollment_tokens.id)`,
      devicesLive: sql<number>`(select count(*) from devices d where d.enrollment_token_id = enrollment_tokens.id and d.revoked_at is null)`,
    })
    .from(enrollmentTokens)
    .orderBy(desc(enrollmentTokens.id));
  return rows.map(({ token, devicesEnrolled, devicesLive }) => ({
    id: token.id,
    label: token.label,
    createdAt: token.createdAt.toISOString(),
    revokedAt: iso(token.revokedAt),
    expiresAt: iso(token.expiresAt),
    maxDevices: token.maxDevices,
    devicesEnrolled: Number(devicesEnrolled),
    devicesLive: Number(devicesLive),
  }));
}

/** Revokes a live token; false when there is no such token or it was revoked already. */
export async function revokeApiToken(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * Revokes an enrollment token and, with `revokeDevices`, every live device it enrolled, in one atomic batch. With
 * `revokeDevices` an already revoked token is fine (its devices still go); null when there is nothing to revoke.
 */
export async function revokeEnrollmentToken(
  db: Db,
  id: number,
  now: Date,
  revokeDevices: boolean,
): Promise<{ devicesRevoked: number } | null> {
  // Writes first, the read last: the batch takes the write lock at its first statement, never upgrading a read.
  const [tokenRows, deviceRows, existing] = await db.batch([
    db
      .update(enrollmentTokens)
      .set({ revokedAt: now })
      .where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt)))
      .returning({ id: enrollmentTokens.id }),
    db
      .update(devices)
      .set({ revokedAt: now })
      .where(and(eq(devices.enrollmentTokenId, id), isNull(devices.revokedAt), sql`${revokeDevices ? 1 : 0} = 1`))
      .returning({ id: devices.id }),
    db.select({ id: enrollmentTokens.id }).from(enrollmentTokens).where(eq(enrollmentTokens.id, id)),
  ]);
  if (existing.length === 0) return null;
  if (tokenRows.length === 0 && !revokeDevices) return null;
  return { devicesRevoked: deviceRows.length };
}
