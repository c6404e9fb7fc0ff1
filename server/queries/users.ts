// Dashboard users and their login sessions (sessions live in the database so any instance can serve them).
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Role } from '../contract.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type User = { id: number; email: string; role: Role };

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row && row.disabledAt === null ? row : null;
}

export async function createUser(db: Db, email: string, password: string, role: Role): Promise<User> {
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), passwordHash, role })
    .returning({ id: users.id, email: users.email, role: users.role });
  if (!row) throw new Error('user was not created');
  return row;
}

/** Returns the cookie value; only its hash is stored. */
export async function createSession(db: Db, userId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken('session');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({ idHash: hashToken(token), userId, expiresAt });
  // Expired sessions are swept on login rather than by a job: logins are rare and cheap.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return { token, expiresAt };
}

export async function getSessionUser(db: Db, token: string, now: Date): Promise<User | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, now)));
  if (!row || row.disabledAt !== null) return null;
  return { id: row.id, email: row.email, role: row.role };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}
