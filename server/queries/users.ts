// Dashboard users: their logins (by the hash of the password, never the password itself) and roles.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { Role, type User as UserInfo } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export type User = { id: number; email: string; role: Role };

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** The enabled user with this email, with the password hash to check; null for an unknown or disabled one. */
export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row && row.disabledAt === null ? row : null;
}

export async function insertUser(db: Db, email: string, passwordHash: string, role: Role): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), passwordHash, role })
    .returning({ id: users.id, email: users.email, role: users.role });
  if (!row) throw new Error('user was not created');
  return row;
}

/** The row `insert ... returning` gives back, as the driver hands it over. */
const InsertedUser = z.object({ id: z.coerce.number().int(), email: z.string(), role: Role });

/**
 * Creates the admin only while no user exists, in one write transaction (taken before reading, so two instances
 * starting at once serialise on it); null when someone else was first. Raw SQL: drizzle's transactions cannot ask
 * libSQL for a write transaction, and its insert-from-select must list every column.
 */
export async function insertFirstAdmin(db: Db, email: string, passwordHash: string): Promise<User | null> {
  const tx = await db.$client.transaction('write');
  try {
    const inserted = await tx.execute({
      sql: `insert into users (email, password_hash, role) select ?, ?, 'admin'
            where not exists (select 1 from users) returning id, email, role`,
      args: [email.toLowerCase(), passwordHash],
    });
    await tx.commit();
    const row = inserted.rows[0];
    return row ? InsertedUser.parse(row) : null;
  } finally {
    tx.close();
  }
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

export type UserChange = { role?: Role | undefined; disabledAt?: Date | null | undefined; passwordHash?: string };

/**
 * Applies the change and ends the user's sessions, so a new role, a disabling or a new password takes effect at
 * once.
 */
export async function saveUserChanges(db: Db, id: number, change: UserChange): Promise<UserInfo | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(users).set(change).where(eq(users.id, id)).returning();
    if (!row) return null;
    await tx.delete(sessions).where(eq(sessions.userId, id));
    return toUser(row);
  });
}
