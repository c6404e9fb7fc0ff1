// Applies an HR/directory import: read everyone, plan, then write all changes and the audit entry in one atomic
// batch of multi-row statements. People are never deleted: leavers are marked, their usage and seats stay.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import {
  type ExistingPerson,
  type PeopleImportMode,
  type PeopleImportPlan,
  type PersonChange,
  planPeopleImport,
  previewPeopleChanges,
} from '../domain/people-import.ts';
import { planFromCsv } from './csv-plan.ts';
import { personFields } from './person-row.ts';

export type PeopleImportResult = {
  mode: PeopleImportMode;
  dryRun: boolean;
  rows: number;
  added: number;
  updated: number;
  leavers: number;
  unchanged: number;
  skipped: { row: number; reason: string }[];
  warnings: string[];
  columns: PeopleImportPlan['columns'];
  changes: PersonChange[];
  changesTruncated: boolean;
};

export type PeopleImportInput = {
  csv: string;
  mode: PeopleImportMode;
  dryRun: boolean;
  actor: string;
  today: string;
  now: Date;
};

const CHUNK = 1_000;
const FIELDS = 8;

async function loadPeople(db: Db): Promise<ExistingPerson[]> {
  const result = await db.$client.execute(
    'select id, email, name, department, location, manager_email, status, start_date, end_date from people',
  );
  return result.rows.map((row) => ({ id: Number(row.id), email: String(row.email), ...personFields(row) }));
}

function writeStatements(plan: PeopleImportPlan, now: number): InStatement[] {
  const upserts = [...plan.add, ...plan.update.map((u) => ({ email: u.email, ...u.after }))];
  const statements: InStatement[] = [];
  for (let i = 0; i < upserts.length; i += CHUNK) {
    const part = upserts.slice(i, i + CHUNK);
    statements.push({
      sql: `insert into people (email, name, department, location, manager_email, status, start_date, end_date)
            values ${part.map(() => `(${Array(FIELDS).fill('?').join(',')})`).join(',')}
            on conflict (email) do update set name = excluded.name, department = excluded.department, location = excluded.location,
              manager_email = excluded.manager_email, status = excluded.status, start_date = excluded.start_date, end_date = excluded.end_date`,
      args: part.flatMap((p) => [
        p.email,
        p.name,
        p.department,
        p.location,
        p.managerEmail,
        p.status,
        p.startDate,
        p.endDate,
      ]),
    });
  }
  // Listed by HR: a person first created by a browser enrolling is confirmed from now on (DESIGN section 3).
  for (let i = 0; i < plan.listed.length; i += CHUNK) {
    const part = plan.listed.slice(i, i + CHUNK);
    statements.push({
      sql: `update people set confirmed_at = ? where email in (${part.map(() => '?').join(',')})`,
      args: [now, ...part],
    });
  }
  for (let i = 0; i < plan.missing.length; i += CHUNK) {
    const part = plan.missing.slice(i, i + CHUNK);
    statements.push({
      sql: `update people set status = 'left' where id in (${part.map(() => '?').join(',')})`,
      args: part.map((p) => p.id),
    });
  }
  return statements;
}

/** Imports the file or, with dryRun, says what an import would do. A bad file throws 400 invalid_csv and changes nothing. */
export async function importPeople(db: Db, input: PeopleImportInput): Promise<PeopleImportResult> {
  const existing = await loadPeople(db);
  const plan = await planFromCsv(() =>
    planPeopleImport({ csv: parseCsv(input.csv), existing, mode: input.mode, today: input.today }),
  );
  const result: PeopleImportResult = {
    mode: input.mode,
    dryRun: input.dryRun,
    rows: plan.rows,
    added: plan.add.length,
    updated: plan.update.length + plan.missing.length,
    leavers: plan.leavers,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
    warnings: plan.warnings,
    columns: plan.columns,
    ...previewPeopleChanges(plan),
  };
  if (input.dryRun) return result;
  const { changes: _changes, changesTruncated: _truncated, skipped, ...summary } = result;
  const audit: InStatement = {
    sql: `insert into audit_log (actor, action, subject_type, subject_id, after) values (?, 'people.import', 'people', null, ?)`,
    args: [input.actor, JSON.stringify({ ...summary, skipped: skipped.length })],
  };
  await db.$client.batch([...writeStatements(plan, input.now.getTime()), audit], 'write');
  return result;
}
