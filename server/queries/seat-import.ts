// Applies a vendor seat-list import to one subscription: read its seats, plan, then write everything in one
// atomic batch of multi-row statements (a 50,000-row file is a handful of statements, not 50,000).
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import {
  type ImportMode,
  newPeopleWarning,
  planSeatImport,
  previewChanges,
  type SeatChange,
  type SkippedRow,
} from '../domain/seat-import.ts';
import { planFromCsv } from './csv-plan.ts';

export type SeatImportResult = {
  mode: ImportMode;
  dryRun: boolean;
  rows: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  newPeople: number;
  skipped: SkippedRow[];
  warnings: string[];
  columns: { email: string; lastActive: string | null; status: string[]; assigned: string | null };
  changes: SeatChange[];
  changesTruncated: boolean;
};

export type SeatImportInput = {
  subscriptionId: number;
  csv: string;
  mode: ImportMode;
  dryRun: boolean;
  actor: string;
  /** Today (UTC): new seats count as assigned on it unless the file or `assignedAt` says otherwise. */
  today: string;
  assignedAt?: string | undefined;
};

const CHUNK = 2_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const placeholders = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(',')})`).join(',');

async function loadSeats(db: Db, subscriptionId: number) {
  const result = await db.$client.execute({
    sql: `select s.id, p.email, s.vendor_last_active_at from seats s join people p on p.id = s.person_id where s.subscription_id = ?`,
    args: [subscriptionId],
  });
  return result.rows.map((row) => ({
    seatId: Number(row.id),
    email: String(row.email),
    vendorLastActiveDay: row.vendor_last_active_at === null ? null : String(row.vendor_last_active_at).slice(0, 10),
  }));
}

/** Of these emails, the ones no person has yet (the import will create them). */
async function unknownPeople(db: Db, emails: readonly string[]): Promise<string[]> {
  const known = new Set<string>();
  for (const part of chunks(emails, 500)) {
    const result = await db.$client.execute({
      sql: `select email from people where email in (${part.map(() => '?').join(',')})`,
      args: [...part],
    });
    for (const row of result.rows) known.add(String(row.email));
  }
  return emails.filter((email) => !known.has(email));
}

function writeStatements(subscriptionId: number, plan: ReturnType<typeof planSeatImport>): InStatement[] {
  const statements: InStatement[] = [];
  for (const part of chunks(plan.add)) {
    statements.push({
      sql: `insert into people (email) values ${placeholders(part.length, 1)} on conflict (email) do nothing`,
      args: part.map((a) => a.email),
    });
    statements.push({
      sql: `insert into seats (subscription_id, person_id, assigned_at, source, vendor_last_active_at)
            select ?, p.id, v.column2, 'import', v.column3 from (values ${placeholders(part.length, 3)}) v join people p on p.email = v.column1
            where true on conflict (subscription_id, person_id) do nothing`,
      args: [subscriptionId, ...part.flatMap((a) => [a.email, a.assignedAt, a.vendorLastActiveDay])],
    });
  }
  for (const part of chunks(plan.update)) {
    statements.push({
      sql: `update seats set vendor_last_active_at = v.column2 from (values ${placeholders(part.length, 2)}) v where seats.id = v.column1`,
      args: part.flatMap((u) => [u.seatId, u.vendorLastActiveDay]),
    });
  }
  for (const part of chunks(plan.remove)) {
    statements.push({
      sql: `delete from seats where subscription_id = ? and id in (${part.map(() => '?').join(',')})`,
      args: [subscriptionId, ...part.map((r) => r.seatId)],
    });
  }
  return statements;
}

/** Imports the file or, with dryRun, says what an import would do. A bad file throws 400 invalid_csv and changes nothing. */
export async function importSeats(db: Db, input: SeatImportInput): Promise<SeatImportResult> {
  const existing = await loadSeats(db, input.subscriptionId);
  const plan = await planFromCsv(() =>
    planSeatImport({
      csv: parseCsv(input.csv),
      existing,
      mode: input.mode,
      assignedAt: input.assignedAt ?? input.today,
      assignedAtGiven: input.assignedAt !== undefined,
    }),
  );
  const newPeople = await unknownPeople(
    db,
    plan.add.map((a) => a.email),
  );
  const newPeopleNote = newPeopleWarning(newPeople);
  const result: SeatImportResult = {
    mode: input.mode,
    dryRun: input.dryRun,
    rows: plan.rows,
    added: plan.add.length,
    updated: plan.update.length,
    removed: plan.remove.length,
    unchanged: plan.unchanged,
    newPeople: newPeople.length,
    skipped: plan.skipped,
    warnings: newPeopleNote ? [...plan.warnings, newPeopleNote] : plan.warnings,
    columns: plan.columns,
    ...previewChanges(plan, new Set(newPeople)),
  };
  if (input.dryRun) return result;
  const { changes: _changes, changesTruncated: _truncated, skipped, ...summary } = result;
  const audit: InStatement = {
    sql: `insert into audit_log (actor, action, subject_type, subject_id, after) values (?, 'seat.import', 'subscription', ?, ?)`,
    args: [input.actor, String(input.subscriptionId), JSON.stringify({ ...summary, skipped: skipped.length })],
  };
  await db.$client.batch([...writeStatements(input.subscriptionId, plan), audit], 'write');
  return result;
}
