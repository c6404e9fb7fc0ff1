// The people directory: who they are, their devices and when those last reported, how many seats they hold.
import { and, asc, count, eq, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Person, PersonList, PersonStatus } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { devices, people, seats } from '../db/schema.ts';
import { PERSON_COLUMNS } from './person-columns.ts';

export type PeopleFilter = {
  search?: string | undefined;
  department?: string | undefined;
  status?: PersonStatus | undefined;
  /** Only these people (works-council mode: the search and department as the caller sees them). */
  ids?: number[] | undefined;
  /** Ordered by id instead of email, so the order tells nothing of a hidden email. */
  byId?: boolean | undefined;
  limit: number;
  offset: number;
};

/** `%text%` for LIKE, with the pattern's own characters escaped (by a backslash). */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function matching(filter: PeopleFilter): SQL | undefined {
  const pattern = filter.search ? likePattern(filter.search) : null;
  return and(
    pattern === null
      ? undefined
      : sql`(${people.email} like ${pattern} escape '\\' or ${people.name} like ${pattern} escape '\\')`,
    filter.department ? sql`${people.department} = ${filter.department} collate nocase` : undefined,
    filter.status ? eq(people.status, filter.status) : undefined,
    filter.ids ? sql`${people.id} in (select value from json_each(${JSON.stringify(filter.ids)}))` : undefined,
  );
}

/** When any device of the person last uploaded (for the outer query's person). */
const lastUpload = (db: Db) =>
  db
    .select({ at: max(devices.lastSeenAt) })
    .from(devices)
    .where(eq(devices.personId, people.id));

/** The directory row: the person's fields with their live devices, last upload and seats counted beside them. */
function selectPeople(db: Db) {
  return db
    .select({
      ...PERSON_COLUMNS,
      devices: db.$count(devices, and(eq(devices.personId, people.id), isNull(devices.revokedAt))),
      // A builder, not a column inside sql``: drizzle leaves the columns of a one-table select unqualified, which
      // would turn `person_id = people.id` into `person_id = devices.id`.
      lastSeenAt: sql`(${lastUpload(db)})`.mapWith(devices.lastSeenAt),
      seats: db.$count(seats, eq(seats.personId, people.id)),
      source: people.source,
      confirmedAt: people.confirmedAt,
    })
    .from(people);
}

type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>['execute']>>[number];

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  email: row.email,
  name: row.name,
  department: row.department,
  location: row.location,
  managerEmail: row.managerEmail,
  status: row.status,
  startDate: row.startDate,
  endDate: row.endDate,
  devices: row.devices,
  lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  seats: row.seats,
  source: row.source,
  confirmedAt: row.confirmedAt?.toISOString() ?? null,
});

export async function listPeople(db: Db, filter: PeopleFilter): Promise<PersonList> {
  const where = matching(filter);
  // One batch, so the total and the page are read from the same state of the table.
  const [[total], page] = await db.batch([
    db.select({ n: count() }).from(people).where(where),
    selectPeople(db)
      .where(where)
      .orderBy(filter.byId ? asc(people.id) : asc(people.email))
      .limit(filter.limit)
      .offset(filter.offset),
  ]);
  return { total: total?.n ?? 0, people: page.map(toPerson) };
}

export async function getPerson(db: Db, id: number): Promise<Person | null> {
  const [row] = await selectPeople(db).where(eq(people.id, id));
  return row ? toPerson(row) : null;
}
