// API tokens for automation and enrollment tokens for devices: shown once, stored as hashes.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { ApiTokenInfo, EnrollmentTokenInfo, Role } from '../contract.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Db } from '../db/client.ts';
import { apiTokens, enrollmentTokens } from '../db/schema.ts';

export async function createApiToken(db: Db, name: string, role: Role, createdBy: number | null) {
  const token = newSecretToken('api');
  const [row] = await db
    .insert(apiTokens)
    .values({ name, role, tokenHash: hashToken(token), createdBy })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

export async function getApiTokenPrincipal(db: Db, token: string, now: Date) {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // Last use to the minute is enough, and spares a write on every request of a busy script.
  const staleBefore = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  return row;
}

export async function createEnrollmentToken(db: Db, label: string | null, createdBy: number | null) {
  const token = newSecretToken('enrollment');
  const [row] = await db
    .insert(enrollmentTokens)
    .values({ label, tokenHash: hashToken(token), createdBy })
    .returning({ id: enrollmentTokens.id });
  return { id: row!.id, token };
}

/** The live (not revoked) enrollment token with this secret, or null. */
export async function findLiveEnrollmentToken(db: Db, token: string): Promise<{ id: number; label: string | null } | null> {
  const [row] = await db
    .select({ id: enrollmentTokens.id, label: enrollmentTokens.label })
    .from(enrollmentTokens)
    .where(and(eq(enrollmentTokens.tokenHash, hashToken(token)), isNull(enrollmentTokens.revokedAt)));
  return row ?? null;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  }));
}

export async function listEnrollmentTokens(db: Db): Promise<EnrollmentTokenInfo[]> {
  const rows = await db.select().from(enrollmentTokens).orderBy(desc(enrollmentTokens.id));
  return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.createdAt.toISOString(), revokedAt: iso(row.revokedAt) }));
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

export async function revokeEnrollmentToken(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(enrollmentTokens)
    .set({ revokedAt: now })
    .where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt)))
    .returning({ id: enrollmentTokens.id });
  return rows.length > 0;
}
