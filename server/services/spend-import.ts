// Importing a card, expense or ledger export: plan the file against the stored lines and the merchant rules, then
// (unless it is a dry run) store the new lines with the audit entry in one transaction and announce the change.
import type { SpendImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { withEncodingWarning } from '../domain/csv/decode.ts';
import { parseSpendCsv, planSpendImport } from '../domain/spend-import.ts';
import { saveSpendLines, storedLineKeys } from '../queries/spend.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { type CsvFile, planFromCsv } from './csv-plan.ts';
import { loadMatchRules } from './merchant-rules-read.ts';

export type SpendImportInput = {
  file: CsvFile;
  /** The currency of a file with no currency column. */
  currency: string | null;
  dryRun: boolean;
  actor: string;
};

/** Imports the file or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function importSpend(
  deps: { db: Db; jobs?: JobRequests | undefined },
  input: SpendImportInput,
): Promise<SpendImportReply> {
  const { db } = deps;
  const { rules, names } = await loadMatchRules(db);
  // Plan once without stored keys to learn the file's keys, then look only those up.
  const draft = await planFromCsv(() =>
    planSpendImport({ csv: parseSpendCsv(input.file.text), rules, currency: input.currency, stored: new Set() }),
  );
  const stored = await storedLineKeys(
    db,
    draft.add.map((line) => line.lineKey),
  );
  const plan = { ...draft, add: draft.add.filter((line) => !stored.has(line.lineKey)), alreadyImported: stored.size };
  const reply: SpendImportReply = {
    dryRun: input.dryRun,
    source: plan.source,
    lines: plan.lines,
    added: input.dryRun ? 0 : plan.add.length,
    alreadyImported: plan.alreadyImported,
    matched: plan.matched,
    unmatched: plan.unmatched,
    byApp: plan.byApp.map((total) => ({ ...total, appName: names.get(total.appId) ?? total.appId })),
    skipped: plan.skipped,
    columns: plan.columns,
    warnings: [],
  };
  if (!input.dryRun && plan.add.length > 0) {
    await saveSpendLines(
      db,
      plan.add,
      { source: plan.source, importedBy: input.actor },
      {
        actor: input.actor,
        action: 'spend.import',
        subjectType: 'spend',
        after: {
          source: plan.source,
          lines: plan.lines,
          added: plan.add.length,
          alreadyImported: plan.alreadyImported,
          matched: plan.matched,
          unmatchedMerchants: plan.unmatched.length,
        },
      },
    );
    announceChange(deps, 'spend');
  }
  return withEncodingWarning(reply, input.file.encodingWarning);
}
