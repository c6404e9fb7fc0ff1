// Importing an HR or directory export: plan the file against everyone known, then (unless it is a dry run) apply the
// plan with its audit entry in one transaction and announce the change.
import type { PeopleImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { withEncodingWarning } from '../domain/csv/decode.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import { type PeopleImportMode, planPeopleImport, previewPeopleChanges } from '../domain/people-import.ts';
import { applyPeopleImport, loadPeopleForImport } from '../queries/people-import.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { type CsvFile, planFromCsv } from './csv-plan.ts';
import { offerLeaverReclaims } from './offboarding.ts';

export type PeopleImportInput = {
  file: CsvFile;
  mode: PeopleImportMode;
  dryRun: boolean;
  actor: string;
  today: string;
  now: Date;
};

/** Imports the file or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function importPeopleList(
  deps: { db: Db; jobs?: JobRequests | undefined },
  input: PeopleImportInput,
): Promise<PeopleImportReply> {
  const existing = await loadPeopleForImport(deps.db);
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
    await applyPeopleImport(deps.db, plan, audit, input.now);
    announceChange(deps, 'people');
    // Leavers' seats on connected subscriptions are ready to revoke at the vendor now.
    if (plan.leavers > 0) await offerLeaverReclaims({ db: deps.db, now: () => input.now }, input.actor);
  }
  return withEncodingWarning(result, input.file.encodingWarning);
}
