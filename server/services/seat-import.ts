// Importing a vendor's seat list into one subscription: plan the file against the stored seats, then (unless it is a
// dry run) apply the plan with its audit entry in one transaction and announce the change.
import type { SeatImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { withEncodingWarning } from '../domain/csv/decode.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import {
  type ImportMode,
  newPeopleWarning,
  planSeatImport,
  previewChanges,
  type SeatImportPlan,
} from '../domain/seat-import.ts';
import { notFound } from '../errors.ts';
import { applySeatImport, loadImportedSeats, unknownPeople } from '../queries/seat-import.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { type CsvFile, planFromCsv } from './csv-plan.ts';

export type SeatImportInput = {
  subscriptionId: number;
  /** Read only once the subscription is known: an unknown one is 404 whatever the body holds. */
  readFile: () => Promise<CsvFile>;
  mode: ImportMode;
  dryRun: boolean;
  actor: string;
  /** Today (UTC): new seats count as assigned on it unless the file or `assignedAt` says otherwise. */
  today: string;
  assignedAt?: string | undefined;
};

/** Imports the file or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function importSeatList(
  deps: { db: Db; jobs?: JobRequests | undefined },
  input: SeatImportInput,
): Promise<SeatImportReply> {
  const { db } = deps;
  if (!(await getSubscription(db, input.subscriptionId))) throw notFound('The subscription');
  const file = await input.readFile();
  const existing = await loadImportedSeats(db, input.subscriptionId);
  const plan = await planFromCsv(() =>
    planSeatImport({
      csv: parseCsv(file.text),
      existing,
      mode: input.mode,
      assignedAt: input.assignedAt ?? input.today,
      assignedAtGiven: input.assignedAt !== undefined,
    }),
  );
  const result = await applySeatListPlan(deps, {
    subscriptionId: input.subscriptionId,
    plan,
    mode: input.mode,
    dryRun: input.dryRun,
    actor: input.actor,
    action: 'seat.import',
  });
  return withEncodingWarning(result, file.encodingWarning);
}

/**
 * The one way a planned seat list becomes the reply and (unless a dry run) the stored seats, audited and announced:
 * the CSV import and the SCIM connector's sync both end here, so their previews and results read the same.
 */
export async function applySeatListPlan(
  deps: { db: Db; jobs?: JobRequests | undefined },
  input: {
    subscriptionId: number;
    plan: SeatImportPlan;
    mode: ImportMode;
    dryRun: boolean;
    actor: string;
    action: string;
    auditExtra?: Record<string, unknown>;
  },
): Promise<SeatImportReply> {
  const { db } = deps;
  const { plan } = input;
  const newPeople = await unknownPeople(
    db,
    plan.add.map((a) => a.email),
  );
  const newPeopleNote = newPeopleWarning(newPeople);
  const result: SeatImportReply = {
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
  if (!input.dryRun) {
    const { changes: _changes, changesTruncated: _truncated, skipped, ...summary } = result;
    await applySeatImport(db, input.subscriptionId, plan, {
      actor: input.actor,
      action: input.action,
      subjectType: 'subscription',
      subjectId: input.subscriptionId,
      after: { ...summary, skipped: skipped.length, ...input.auditExtra },
    });
    announceChange(deps, 'seats');
  }
  return result;
}
