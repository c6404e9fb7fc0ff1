// Everyone in the directory by the fields that name them, for works-council mode's pseudonyms.
import type { Db } from '../db/client.ts';
import { people } from '../db/schema.ts';

export type DirectoryEntry = { id: number; email: string; name: string | null; department: string | null };

export async function loadDirectoryEntries(db: Db): Promise<DirectoryEntry[]> {
  return db
    .select({ id: people.id, email: people.email, name: people.name, department: people.department })
    .from(people);
}
