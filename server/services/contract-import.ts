// Importing a contract register: plan the file against the stored subscriptions and the vendor names, then (unless it
// is a dry run) write the subscriptions, a purchase record per added or updated line and the audit entry in one
// transaction, and announce the change.
import type { ContractImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { contractChanges, planContractImport } from '../domain/contract-import.ts';
import { withEncodingWarning } from '../domain/csv/decode.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import { applyContractImport, loadContracts } from '../queries/contract-import.ts';
import { getDefaults } from '../queries/defaults.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { type CsvFile, planFromCsv } from './csv-plan.ts';
import { loadVendorIndex } from './vendor-aliases.ts';

export type ContractImportInput = {
  readFile: () => Promise<CsvFile>;
  dryRun: boolean;
  actor: string;
  /** The register's name, kept on the purchase records: the upload's, or what the caller said. */
  fileName: string | null;
};

/** Imports the register or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function importContractRegister(
  deps: { db: Db; now: () => Date; jobs?: JobRequests | undefined },
  input: ContractImportInput,
): Promise<ContractImportReply> {
  const { db, now } = deps;
  const file = await input.readFile();
  const [index, existing] = await Promise.all([loadVendorIndex(db), loadContracts(db)]);
  const plan = await planFromCsv(() => planContractImport({ csv: parseCsv(file.text), index, existing }));
  const { changes, changesTruncated } = contractChanges(plan);
  const result: ContractImportReply = {
    dryRun: input.dryRun,
    rows: plan.rows,
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged.length,
    unmatched: plan.unmatched,
    skipped: plan.skipped,
    warnings: plan.warnings,
    columns: plan.columns,
    changes: changes.map((change) => ({ ...change, appName: index.apps.get(change.appId)?.name ?? change.appId })),
    changesTruncated,
  };
  if (!input.dryRun && plan.add.length + plan.update.length > 0) {
    const fileName = file.name ?? input.fileName;
    await applyContractImport(
      db,
      plan,
      await getDefaults(db),
      { fileName, importedBy: input.actor, now: now() },
      (added) => ({
        actor: input.actor,
        action: 'subscription.import',
        subjectType: 'subscription',
        after: {
          fileName,
          rows: plan.rows,
          added: plan.add.length,
          updated: plan.update.length,
          unchanged: plan.unchanged.length,
          unmatched: plan.unmatched.length,
          skipped: plan.skipped.length,
          addedIds: added,
          updatedIds: plan.update.map((u) => u.id),
        },
      }),
    );
    announceChange(deps, 'subscriptions');
  }
  return withEncodingWarning(result, file.encodingWarning);
}
