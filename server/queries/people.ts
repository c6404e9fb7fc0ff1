// People: email is the identity (lower-cased); a device or seat for an unknown email creates the person.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people } from '../db/schema.ts';

type Writer = Pick<Db, 'insert' | 'select'>;

export async function ensurePerson(db: Writer, email: string): Promise<number> {
  const normalised = email.toLowerCase();
  const [row] = await db
    .insert(people)
    .values({ email: normalised })
    .onConflictDoUpdate({ target: people.email, set: { email: sql`excluded.email` } })
    .returning({ id: people.id });
  if (row) return row.id;
  const [existing] = await db.select({ id: people.id }).from(people).where(eq(people.email, normalised));
  if (!existing) throw new Error(`person ${normalised} could not be created`);
  return existing.id;
}

/** The highest person id there is (0 with nobody): for reading people in slices of ids. */
export async function lastPersonIdOf(db: Db): Promise<number> {
  const [row] = await db.select({ last: sql<number | null>`max(${people.id})` }).from(people);
  return row?.last ?? 0;
}
