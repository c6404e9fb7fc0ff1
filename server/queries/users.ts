// Dashboard users and their login sessions (sessions live in the database so any instance can serve them).
import { and, asc, count, eq, gt, isNull, lt } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Role, User as UserInfo } from '../contract.ts';
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

/**
 * Creates the admin only while no user exists, in one write transaction (taken before reading, so two instances
 * starting at once serialise on it); null when someone else was first.
 */
export async function createFirstAdmin(db: Db, email: string, password: string): Promise<User | null> {
  const passwordHash = await hashPassword(password);
  const tx = await db.$client.transaction('write');
  try {
    const inserted = await tx.execute({
      sql: `insert into users (email, password_hash, role) select ?, ?, 'admin' where not exists (select 1 from users) returning id, email, role`,
      args: [email.toLowerCase(), passwordHash],
    });
    await tx.commit();
    const row = inserted.rows[0];
    return row ? { id: Number(row.id), email: String(row.email), role: 'admin' } : null;
  } finally {
    tx.close();
  }
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

type UserRow = typeof users.$inferSelect;
const toUser = (row: UserRow): UserInfo => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
  disabled: row.disabledAt !== null,
});

export async function listUsers(db: Db): Promise<UserInfo[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toUser);
}

export async function getUser(db: Db, id: number): Promise<UserInfo | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserInfo | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ? toUser(row) : null;
}

/** Admins who can still sign in. */
export async function countEnabledAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

/** Applies the change and ends the user's sessions, so a new role, a disabling or a new password takes effect at once. */
export async function saveUserChanges(
  db: Db,
  id: number,
  changes: { role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined },
  now: Date,
): Promise<UserInfo | null> {
  const set: Partial<UserRow> = {};
  if (changes.role) set.role = changes.role;
  if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? now : null;
  if (changes.password) set.passwordHash = await hashPassword(changes.password);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
    if (!row) return null;
    await tx.delete(sessions).where(eq(sessions.userId, id));
    return toUser(row);
  });
}
