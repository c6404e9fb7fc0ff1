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
const PERCENT = percentOf('p.id', 's.k', 'd.n');

/**
 * People `first`..`last`, each with their apps and days, active or not. The loops run in primary-key order (person,
 * app id, day: bench_slots and bench_days are keyed so), so the rows append to every b-tree in that order and an
 * `order by` or a window over them needs no sort.
 */
const usageLoops = (first: number, last: number) => `from people p cross join bench_slots s cross join bench_days d
  where p.id between ${first} and ${last} and s.r = p.id * 7 % ${CATALOG.length}`;
const USAGE_COLUMNS = `s.app_id, d.day, 60 + ${PERCENT} * 70, 1 + (p.id + d.n) % 6, d.at`;
const ACTIVE = `${PERCENT} < ${ACTIVE_DAY_PERCENT}`;

function usageInsert(first: number, last: number) {
  return `insert into usage_daily (device_id, app_id, day, active_seconds, visits, last_active_at)
    select printf('dev-%07d', p.id), ${USAGE_COLUMNS} ${usageLoops(first, last)} and ${ACTIVE}
    order by p.id, s.app_id, d.day`;
}

/** The rollups of the same rows, computed from the generator itself (one device a person: the person's totals). */
function rollupInserts(first: number, last: number) {
  return [
    `insert into person_usage_daily (person_id, app_id, day, active_seconds, visits, last_active_at,
        cumulative_seconds)
      select p.id, ${USAGE_COLUMNS},
        sum(60 + ${PERCENT} * 70) over (partition by p.id, s.app_id order by d.day rows unbounded preceding)
      ${usageLoops(first, last)} and ${ACTIVE}
      order by p.id, s.app_id, d.day`,
    `insert into person_app_usage (person_id, app_id, first_day, last_day, last_active_at, total_seconds)
      select p.id, s.app_id, min(d.day), max(d.day), max(d.at), sum(60 + ${PERCENT} * 70)
      ${usageLoops(first, last)} and ${ACTIVE}
      group by p.id, s.app_id order by p.id, s.app_id`,
    // A day a device uploaded is a day one of its apps was used.
    `insert into person_days (person_id, day)
      select p.id, d.day from people p cross join bench_days d
      where p.id between ${first} and ${last} and exists (select 1 from bench_slots s
        where s.r = p.id * 7 % ${CATALOG.length} and ${ACTIVE})
      order by p.id, d.day`,
    `insert into device_days (device_id, day)
      select printf('dev-%07d', person_id), day from person_days where person_id between ${first} and ${last}
      order by person_id, day`,
  ];
}

async function usageTriggers(db: Db) {
  const rows = await db.$client.execute(
    "select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('usage_daily', 'device_days')",
  );
  return rows.rows.map((row) => ({ name: String(row.name), sql: String(row.sql) }));
}

/** Indexes in the load's own order: their entries append as the rows do, cheaper than sorting them afterwards. */
const LOAD_ORDER_INDEXES = ['person_usage_daily_cumulative_idx'];

async function secondaryIndexes(db: Db) {
  const rows = await db.$client.execute(
    `select name, sql from sqlite_master where type = 'index' and sql is not null
      and tbl_name in ('usage_daily', 'person_usage_daily', 'person_app_usage', 'person_days')`,
  );
  return rows.rows
    .map((row) => ({ name: String(row.name), sql: String(row.sql) }))
    .filter((index) => !LOAD_ORDER_INDEXES.includes(index.name));
}

/**
 * Sets the connection up for a bulk load nobody else reads meanwhile and that needs no durability (no journal, no
 * syncs, no foreign-key lookups per row, one lock held throughout); returns the statements that put it back as it
 * was. The index builds sort 9-22 M entries: with temporary data in memory SQLite sorts them as one list, which at
 * 100,000 people took 70 s an index; sorting runs the size of the cache (16 MB) in a second thread, then merging
 * them from a temporary file, takes a third of that. The planner needs the shape of each index, not an exact count
 * of 21.6 M rows: `analyze` reads a sample of each.
 */
async function loadingPragmas(db: Db) {
  const value = async (pragma: string) => (await db.$client.execute(`pragma ${pragma}`)).rows[0]![0];
  const restore = [
    `pragma foreign_keys = ${await value('foreign_keys')}`,
    `pragma cache_size = ${await value('cache_size')}`,
    `pragma threads = ${await value('threads')}`,
    `pragma temp_store = ${await value('temp_store')}`,
    `pragma analysis_limit = ${await value('analysis_limit')}`,
    `pragma synchronous = ${await value('synchronous')}`,
    'pragma locking_mode = normal',
    // Taking the journal back (WAL) also gives up the exclusive lock.
    `pragma journal_mode = ${await value('journal_mode')}`,
  ];
  const journal = await value('journal_mode = off');
  if (journal !== 'off') throw new Error(`cannot turn the journal off for the bulk load (${journal})`);
  await db.$client.executeMultiple(`pragma locking_mode = exclusive; pragma synchronous = off;
    pragma foreign_keys = off; pragma threads = 2; pragma temp_store = file; pragma cache_size = -16384;
    pragma analysis_limit = 1000;`);
  return restore;
}

/** The same people, devices and usage, through the trigger path or in bulk; ids 1..people. */
async function fill(db: Db, people: number, asOf: string, days: number, bulk: boolean) {
  // First: a change of temp_store drops the temporary tables made before it.
  const restore = bulk ? await loadingPragmas(db) : [];
  await seedCatalog(db);
  await db.$client.executeMultiple(`
    create temp table bench_apps (n integer primary key, app_id text not null);
    create temp table bench_slots (r integer, app_id text, k integer not null, primary key (r, app_id)) without rowid;
    create temp table bench_days (day text primary key, n integer not null, at integer not null) without rowid;
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
      // Person p's slot k is app (p * 7 + k) mod the catalog size: its residue r = p * 7 mod the size, plus k.
      `with recursive slot(k) as (select 0 union all select k + 1 from slot where k < ${APPS_PER_PERSON - 1})
        insert into bench_slots (r, app_id, k) select r.n, app.app_id, slot.k
        from bench_apps r cross join slot join bench_apps app on app.n = (r.n + slot.k) % ${CATALOG.length}`,
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
  if (!bulk) await db.$client.executeMultiple('pragma synchronous = off; pragma cache_size = -1000000;');
  const chunk = bulk ? people : 5_000;
  for (let first = 1; first <= people; first += chunk) {
    const last = Math.min(people, first + chunk - 1);
    await db.$client.execute(usageInsert(first, last));
    if (bulk) for (const insert of rollupInserts(first, last)) await db.$client.execute(insert);
  }
  // Every person's device uploaded on each day it measured something.
  if (!bulk)
    await db.$client.execute(
      'insert into device_days (device_id, day) select distinct device_id, day from usage_daily order by 1, 2',
    );
  for (const trigger of triggers) await db.$client.execute(trigger.sql);
  for (const index of indexes) await db.$client.execute(index.sql);
  await db.$client.execute('analyze');
  for (const pragma of restore) await db.$client.execute(pragma);
  if (!bulk) await db.$client.execute('pragma synchronous = normal');
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
