// Builds a bench company of any size in SQL, in minutes at 100,000 people: people and one device each, 90 days of
// usage (about 4 apps a person, used on 60% of days), then the rollups computed in bulk with the usage triggers set
// aside, then the triggers put back. `checkRollupsOnSample` proves the bulk rollups equal what the triggers write.
import { join } from 'node:path';
import { CATALOG } from '../../server/catalog/apps.ts';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { addDays } from '../../server/domain/days.ts';
import { seedCatalog } from '../../server/queries/apps.ts';
import { buildInventory, loadInventory } from './inventory.ts';

export type LargeCompany = { db: Db; people: number; usageRows: number; seats: number };

const APPS_PER_PERSON = 4;
const ACTIVE_DAY_PERCENT = 60;

/**
 * A deterministic pseudo-random 0..99 from integers (SQLite has no xor and no seeded random): a multiplicative hash
 * of the person, the app slot and the day.
 */
const percentOf = (person: string, slot: string, day: string) =>
  `(((${person} * 2654435761 + ${slot} * 40503 + ${day} * 2246822519) % 4294967291) % 100)`;

/** The usage of people `first`..`last` (ids), person by person, so the inserts land near each other. */
function usageInsert(first: number, last: number) {
  return `with recursive person(id) as (select ${first} union all select id + 1 from person where id < ${last}),
        slot(k) as (select 0 union all select k + 1 from slot where k < ${APPS_PER_PERSON - 1})
      insert into usage_daily (device_id, app_id, day, active_seconds, visits, last_active_at)
      select printf('dev-%07d', person.id), app.app_id, d.day,
        60 + ${percentOf('person.id', 'slot.k', 'd.n')} * 70, 1 + (person.id + d.n) % 6, d.at
      from person cross join slot
        join bench_apps app on app.n = (person.id * 7 + slot.k) % ${CATALOG.length}
        cross join bench_days d
      where ${percentOf('person.id', 'slot.k', 'd.n')} < ${ACTIVE_DAY_PERCENT}`;
}

async function usageTriggers(db: Db) {
  const rows = await db.$client.execute(
    "select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('usage_daily', 'device_days')",
  );
  return rows.rows.map((row) => ({ name: String(row.name), sql: String(row.sql) }));
}

async function secondaryIndexes(db: Db) {
  const rows = await db.$client.execute(
    `select name, sql from sqlite_master where type = 'index' and sql is not null
      and tbl_name in ('usage_daily', 'person_usage_daily', 'person_app_usage', 'person_days')`,
  );
  return rows.rows.map((row) => ({ name: String(row.name), sql: String(row.sql) }));
}

/** The same people, devices and usage, through the trigger path or in bulk; ids 1..people. */
async function fill(db: Db, people: number, asOf: string, days: number, bulk: boolean) {
  await seedCatalog(db);
  await db.$client.executeMultiple(`
    create temp table bench_apps (n integer primary key, app_id text not null);
    create temp table bench_days (n integer primary key, day text not null, at integer not null);
    with recursive person(id) as (select 1 union all select id + 1 from person where id < ${people})
    insert into people (id, email, department)
      select id, 'person' || (id - 1) || '@bench.example',
        ${"case id % 8 when 0 then 'Engineering' when 1 then 'Sales' when 2 then 'Marketing' when 3 then 'Finance'"}
          ${"when 4 then 'Support' when 5 then 'Operations' when 6 then 'Design' else 'HR' end"}
      from person;
    insert into devices (id, person_id, browser, extension_version, token_hash)
      select printf('dev-%07d', id), id, 'chrome', 'bench', 'bench-' || id from people;`);
  const firstDay = addDays(asOf, -(days - 1));
  await db.$client.batch(
    [
      ...CATALOG.map((app, n) => ({ sql: 'insert into bench_apps (n, app_id) values (?, ?)', args: [n, app.id] })),
      {
        sql: `with recursive d(n) as (select 0 union all select n + 1 from d where n < ${days - 1})
          insert into bench_days (n, day, at) select n, date(?, '+' || n || ' days'),
            (unixepoch(date(?, '+' || n || ' days')) + 54000) * 1000 from d`,
        args: [firstDay, firstDay],
      },
    ],
    'write',
  );
  const triggers = bulk ? await usageTriggers(db) : [];
  for (const trigger of triggers) await db.$client.execute(`drop trigger ${trigger.name}`);
  // Indexes are built once at the end (a sort) instead of row by row; a bench database needs no durability.
  const indexes = bulk ? await secondaryIndexes(db) : [];
  for (const index of indexes) await db.$client.execute(`drop index ${index.name}`);
  await db.$client.executeMultiple('pragma synchronous = off; pragma cache_size = -1000000;');
  const chunk = 5_000;
  for (let first = 1; first <= people; first += chunk)
    await db.$client.execute(usageInsert(first, Math.min(people, first + chunk - 1)));
  // Every person's device uploaded on each day it measured something.
  await db.$client.execute(
    'insert into device_days (device_id, day) select distinct device_id, day from usage_daily order by 1, 2',
  );
  if (bulk) {
    await db.$client.executeMultiple(`
      insert into person_usage_daily (person_id, app_id, day, active_seconds, visits, last_active_at,
          cumulative_seconds)
        select person_id, app_id, day, seconds, visits, last_active_at,
          sum(seconds) over (partition by person_id, app_id order by day rows unbounded preceding)
        from (select d.person_id, u.app_id, u.day, sum(u.active_seconds) as seconds, sum(u.visits) as visits,
            max(u.last_active_at) as last_active_at
          from usage_daily u join devices d on d.id = u.device_id group by d.person_id, u.app_id, u.day);
      insert into person_app_usage (person_id, app_id, first_day, last_day, last_active_at, total_seconds)
        select person_id, app_id, min(day), max(day), max(last_active_at), sum(active_seconds)
        from person_usage_daily where active_seconds > 0 group by person_id, app_id;
      insert into person_days (person_id, day)
        select d.person_id, x.day from device_days x join devices d on d.id = x.device_id
        group by d.person_id, x.day;`);
    for (const trigger of triggers) await db.$client.execute(trigger.sql);
  }
  for (const index of indexes) await db.$client.execute(index.sql);
  await db.$client.execute('pragma synchronous = normal');
  await db.$client.execute('analyze');
  const counted = await db.$client.execute('select count(*) as n from usage_daily');
  return Number(counted.rows[0]!.n);
}

export async function buildLargeCompany(dir: string, people: number, asOf: string, days = 90): Promise<LargeCompany> {
  const db = await openDatabase({ url: `file:${join(dir, `company-${people}.db`)}` });
  const usageRows = await fill(db, people, asOf, days, true);
  const inventory = buildInventory(people);
  await loadInventory(db, inventory);
  return { db, people, usageRows, seats: inventory.seats.length };
}

const ROLLUPS = [
  'select person_id, app_id, day, active_seconds, visits, last_active_at, cumulative_seconds from person_usage_daily',
  'select person_id, app_id, first_day, last_day, last_active_at, total_seconds from person_app_usage',
  'select person_id, day from person_days',
];

/**
 * Writes the first `sample` people's usage through the real triggers into a database of its own and compares its
 * rollups with the bulk ones, row by row; returns the rows compared, throws on the first difference.
 */
export async function checkRollupsOnSample(dir: string, company: LargeCompany, asOf: string, sample = 200) {
  const path = join(dir, 'trigger-sample.db');
  const triggered = await openDatabase({ url: `file:${path}` });
  try {
    await fill(triggered, sample, asOf, 90, false);
  } finally {
    triggered.$client.close();
  }
  await company.db.$client.execute({ sql: 'attach database ? as sample', args: [path] });
  try {
    let compared = 0;
    for (const query of ROLLUPS) {
      const bulk = `${query} where person_id <= ${sample}`;
      const viaTriggers = query.replace(/ from (\w+)/, ' from sample.$1');
      for (const [a, b] of [
        [bulk, viaTriggers],
        [viaTriggers, bulk],
      ]) {
        const differ = await company.db.$client.execute(`select count(*) as n from (${a} except ${b})`);
        if (Number(differ.rows[0]!.n) !== 0) throw new Error(`bulk rollups differ from the trigger path: ${query}`);
      }
      const rows = await company.db.$client.execute(`select count(*) as n from (${viaTriggers})`);
      compared += Number(rows.rows[0]!.n);
    }
    return compared;
  } finally {
    await company.db.$client.execute('detach database sample');
  }
}
