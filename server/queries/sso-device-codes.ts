// One-time SSO device codes: written by the callback, taken (deleted) once by an enrollment, by their hash.
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ssoDeviceCodes } from '../db/schema.ts';

export async function insertSsoDeviceCode(
  db: Db,
  code: { codeHash: string; email: string; redirect: string; expiresAt: Date },
): Promise<void> {
  await db.insert(ssoDeviceCodes).values(code);
}

export async function pruneExpiredSsoDeviceCodes(db: Db, now: Date): Promise<void> {
  await db.delete(ssoDeviceCodes).where(lte(ssoDeviceCodes.expiresAt, now));
}

/** The email the code vouches for, deleting it in the same statement so two enrollments cannot both take it. */
export async function takeSsoDeviceCode(db: Db, codeHash: string, now: Date): Promise<string | null> {
  const [row] = await db
    .delete(ssoDeviceCodes)
    .where(and(eq(ssoDeviceCodes.codeHash, codeHash), gt(ssoDeviceCodes.expiresAt, now)))
    .returning({ email: ssoDeviceCodes.email });
  return row?.email ?? null;
}
