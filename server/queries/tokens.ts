// API tokens for automation and enrollment tokens for devices, stored by the hash of their secret (the secret itself
// never reaches this module).
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TokenMaker } from '../auth/token-role.ts';
import type { Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apiTokens, devices, enrollmentTokens, users } from '../db/schema.ts';
import { statementOf, writeOneOffThread } from './statements.ts';

export async function createApiToken(
  db: Db,
  token: { name: string; role: Role; tokenHash: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db.insert(apiTokens).values(token).returning({ id: apiTokens.id });
  return row!.id;
}

export type LiveApiToken = { id: number; name: string; role: Role; maker: TokenMaker; lastUsedAt: Date | null };

/** The not revoked API token with this hash, with its maker as stored now; null when there is none. */
export async function findLiveApiToken(db: Db, tokenHash: string): Promise<LiveApiToken | null> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      makerId: apiTokens.createdBy,
      makerRole: users.role,
      makerDisabledAt: users.disabledAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    maker: { id: row.makerId, role: row.makerRole, disabledAt: row.makerDisabledAt },
    lastUsedAt: row.lastUsedAt,
  };
}

/** Stamps the token's last use, unless it was already stamped after `staleBefore`. */
export async function markApiTokenUsed(db: Db, id: number, now: Date, staleBefore: Date): Promise<void> {
  const query = db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  // On the write thread: even an update that changes nothing takes the write lock.
  await writeOneOffThread(db, statementOf(query));
}

export type EnrollmentTokenLimits = { label: string | null; expiresAt: Date | null; maxDevices: number | null };

export async function createEnrollmentToken(
  db: Db,
  token: EnrollmentTokenLimits & { tokenHash: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db.insert(enrollmentTokens).values(token).returning({ id: enrollmentTokens.id });
  return row!.id;
}

export type EnrollmentTokenRow = EnrollmentTokenLimits & { id: number };

/** The not revoked enrollment token with this hash (expired or not: the caller says which), or null. */
export async function findLiveEnrollmentToken(db: Db, tokenHash: string): Promise<EnrollmentTokenRow | null> {
  const [row] = await db
    .select({
      id: enrollmentTokens.id,
      label: enrollmentTokens.label,
      expiresAt: enrollmentTokens.expiresAt,
      maxDevices: enrollmentTokens.maxDevices,
    })
    .from(enrollmentTokens)
    .where(and(eq(enrollmentTokens.tokenHash, tokenHash), isNull(enrollmentTokens.revokedAt)));
  return row ?? null;
}

export type ApiTokenRow = typeof apiTokens.$inferSelect & { maker: TokenMaker & { email: string | null } };

/** Every API token, newest first, with its maker as stored now. */
export async function listApiTokens(db: Db): Promise<ApiTokenRow[]> {
  const maker = alias(users, 'maker');
  const rows = await db
    .select({ token: apiTokens, makerEmail: maker.email, makerRole: maker.role, makerDisabledAt: maker.disabledAt })
    .from(apiTokens)
    .leftJoin(maker, eq(maker.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.id));
  return rows.map(({ token, makerEmail, makerRole, makerDisabledAt }) => ({
    ...token,
    maker: { id: token.createdBy, email: makerEmail, role: makerRole, disabledAt: makerDisabledAt },
  }));
}

export type EnrollmentTokenListRow = typeof enrollmentTokens.$inferSelect & {
  devicesEnrolled: number;
  devicesLive: number;
};

/** Every enrollment token, newest first, with how many devices it enrolled and how many of them are live. */
export async function listEnrollmentTokens(db: Db): Promise<EnrollmentTokenListRow[]> {
  const rows = await db
    .select({
      token: enrollmentTokens,
      // Spelled out: drizzle drops table names in a one-table select, which would make both sides the device's column.
      devicesEnrolled:
        sql<number>`(select count(*) from devices d where d.enrollment_token_id = enrollment_tokens.id)`.mapWith(
          Number,
        ),
      devicesLive: sql<number>`(select count(*) from devices d
        where d.enrollment_token_id = enrollment_tokens.id and d.revoked_at is null)`.mapWith(Number),
    })
    .from(enrollmentTokens)
    .orderBy(desc(enrollmentTokens.id));
  return rows.map(({ token, devicesEnrolled, devicesLive }) => ({ ...token, devicesEnrolled, devicesLive }));
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
