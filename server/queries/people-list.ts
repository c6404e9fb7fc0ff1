// The people directory: who they are, their devices and when those last reported, how many seats they hold.
import type { InValue } from '@libsql/client';
import type { Person, PersonList, PersonStatus } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { personFields } from './person-row.ts';

export type PeopleFilter = {
  search?: string | undefined;
  department?: string | undefined;
  status?: PersonStatus | undefined;
  limit: number;
  offset: number;
};

const SELECT = `
  select p.id, p.email, p.name, p.department, p.location, p.manager_email, p.status, p.start_date, p.end_date, p.source, p.confirmed_at,
    (select count(*) from devices d where d.person_id = p.id and d.revoked_at is null) as devices,
    (select max(d.last_seen_at) from devices d where d.person_id = p.id) as last_seen_at,
    (select count(*) from seats s where s.person_id = p.id) as seats
  from people p`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function whereClause(filter: PeopleFilter): { sql: string; args: InValue[] } {
  const conditions: string[] = [];
  const args: InValue[] = [];
  if (filter.search) {
    conditions.push(`(p.email like ? escape '\\' or p.name like ? escape '\\')`);
    args.push(likePattern(filter.search), likePattern(filter.search));
  }
  if (filter.department) {
    conditions.push('p.department = ? collate nocase');
    args.push(filter.department);
  }
  if (filter.status) {
    conditions.push('p.status = ?');
    args.push(filter.status);
  }
  return { sql: conditions.length ? ` where ${conditions.join(' and ')}` : '', args };
}

function toPerson(row: Record<string, unknown>): Person {
  return {
    id: Number(row.id),
    email: String(row.email),
    ...personFields(row),
    devices: Number(row.devices),
    lastSeenAt: row.last_seen_at === null ? null : new Date(Number(row.last_seen_at)).toISOString(),
    seats: Number(row.seats),
    source: row.source === 'enrollment' ? 'enrollment' : 'directory',
    confirmedAt: row.confirmed_at === null ? null : new Date(Number(row.confirmed_at)).toISOString(),
  };
}

export async function listPeople(db: Db, filter: PeopleFilter): Promise<PersonList> {
  const where = whereClause(filter);
  const [total, page] = await db.$client.batch(
    [
      { sql: `select count(*) as n from people p${where.sql}`, args: where.args },
      {
        sql: `${SELECT}${where.sql} order by p.email limit ? offset ?`,
        args: [...where.args, filter.limit, filter.offset],
      },
    ],
    'read',
  );
  return { total: Number(total!.rows[0]!.n), people: page!.rows.map((row) => toPerson(row)) };
}

export async function getPerson(db: Db, id: number): Promise<Person | null> {
  const result = await db.$client.execute({ sql: `${SELECT} where p.id = ?`, args: [id] });
  const row = result.rows[0];
  return row ? toPerson(row) : null;
}
