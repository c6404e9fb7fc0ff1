// API tokens for automation and enrollment tokens for devices: shown once, stored as hashes.
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../contract.ts';
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
  if (row) await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return row ?? null;
}

export async function createEnrollmentToken(db: Db, label: string | null, createdBy: number | null) {
  const token = newSecretToken('enrollment');
  const [row] = await db
    .insert(enrollmentTokens)
    .values({ label, tokenHash: hashToken(token), createdBy })
    .returning({ id: enrollmentTokens.id });
  return { id: row!.id, token };
}

export async function isLiveEnrollmentToken(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: enrollmentTokens.id })
    .from(enrollmentTokens)
    .where(and(eq(enrollmentTokens.tokenHash, hashToken(token)), isNull(enrollmentTokens.revokedAt)));
  return row !== undefined;
}
