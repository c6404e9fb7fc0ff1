// An HR or directory import's own work: plan the file against everyone known, then (unless it is a dry run) apply the
// plan with its audit entry in one transaction. Runs inline or on the import thread (threads/people-import-worker.ts),
// so it reads and writes nothing but the database it is given.
import type { PeopleImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { withEncodingWarning } from '../domain/csv/decode.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import { type PeopleImportMode, planPeopleImport, previewPeopleChanges } from '../domain/people-import.ts';
import { applyPeopleImport, loadPeopleForImport } from '../queries/people-import.ts';
import { type CsvFile, planFromCsv } from './csv-plan.ts';

export type PeopleImportInput = {
  file: CsvFile;
  mode: PeopleImportMode;
  dryRun: boolean;
  actor: string;
  today: string;
  now: Date;
};

/** The reply, and how many people the import marked as left (their seats may be ready to revoke). */
export type PeopleImportOutcome = { reply: PeopleImportReply; leavers: number };

/** Imports the file or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function planAndApplyPeopleImport(db: Db, input: PeopleImportInput): Promise<PeopleImportOutcome> {
  const existing = await loadPeopleForImport(db);
  const plan = await planFromCsv(() =>
    planPeopleImport({ csv: parseCsv(input.file.text), existing, mode: input.mode, today: input.today }),
  );
  const result: PeopleImportReply = {
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
  if (!input.dryRun) {
    const { changes: _changes, changesTruncated: _truncated, skipped, ...summary } = result;
    const audit = {
      actor: input.actor,
      action: 'people.import',
      subjectType: 'people',
      after: { ...summary, skipped: skipped.length },
    };
    await applyPeopleImport(db, plan, audit, input.now);
  }
  return {
    reply: withEncodingWarning(result, input.file.encodingWarning),
    leavers: input.dryRun ? 0 : plan.leavers,
  };
}
