// A person's directory fields as the queries read and write them, listed once.
import { people } from '../db/schema.ts';
import type { PersonFields } from '../domain/people-import.ts';

/** The directory fields of a person row, for a drizzle select. */
export const PERSON_COLUMNS = {
  id: people.id,
  email: people.email,
  name: people.name,
  department: people.department,
  location: people.location,
  managerEmail: people.managerEmail,
  status: people.status,
  startDate: people.startDate,
  endDate: people.endDate,
};

/** The cells of one person for a JSON batch of rows, in the order the bulk writes read them (cell 0 to 7). */
export const personCells = (p: PersonFields & { email: string }) => [
  p.email,
  p.name,
  p.department,
  p.location,
  p.managerEmail,
  p.status,
  p.startDate,
  p.endDate,
];
