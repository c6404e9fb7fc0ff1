// People as the directory shows them, their seats, and erasing a person's measured usage when they ask (audited with
// the count only, and announced: the alert rules read usage through the people).

import type { z } from 'zod';
import type { Person, PersonList, PersonSeat, UsageErased } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import { getPerson, listPeople, type PeopleFilter } from '../queries/people-list.ts';
import { erasePersonUsage, personSeats } from '../queries/person-data.ts';
import { announceChange, type JobRequests } from './changes.ts';
import type { ViewerMask } from './person-mask.ts';

export type { PeopleFilter };

/**
 * The directory page; with a works-council mask the search and department match what the caller sees (a hidden name
 * or email finds nobody) and the order is by id.
 */
export async function listDirectory(db: Db, filter: PeopleFilter, mask: ViewerMask | null = null): Promise<PersonList> {
  if (!mask) return listPeople(db, filter);
  const { search, department, ...rest } = filter;
  const ids = search || department ? mask.idsMatching({ search, department }) : undefined;
  return listPeople(db, { ...rest, ids, byId: true });
}

export async function readPerson(db: Db, id: number): Promise<Person> {
  const person = await getPerson(db, id);
  if (!person) throw notFound('The person');
  return person;
}

export async function seatsOfPerson(db: Db, id: number): Promise<PersonSeat[]> {
  await readPerson(db, id);
  return personSeats(db, id);
}

/** Deletes what the person's devices measured and everything computed from it; the person, devices and seats stay. */
export async function eraseMeasuredUsage(
  deps: { db: Db; jobs?: JobRequests | undefined },
  id: number,
  actor: string,
): Promise<z.infer<typeof UsageErased>> {
  const { db } = deps;
  const person = await readPerson(db, id);
  const erased = await erasePersonUsage(db, id);
  await recordAudit(db, {
    actor,
    action: 'person.usage_erase',
    subjectType: 'person',
    subjectId: id,
    after: { email: person.email, ...erased },
  });
  announceChange(deps, 'people');
  return erased;
}
