// Login sessions, stored by the hash of the cookie value, in the database so any instance can serve them.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export type SessionUser = { id: number; email: string; role: Role };

/** Stores the session and sweeps the expired ones (on login rather than by a job: logins are rare and cheap). */
export async function saveSession(
  db: Db,
  session: { idHash: string; userId: number; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.insert(sessions).values(session);
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** The enabled user of a session that has not expired; null otherwise. */
export async function findSessionUser(db: Db, idHash: string, now: Date): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
  if (!row || row.disabledAt !== null) return null;
  return { id: row.id, email: row.email, role: row.role };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
