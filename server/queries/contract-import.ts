// A contract-register import's data access: the subscriptions it is compared with, then the plan, one purchase record
// per added or updated line and the audit entry, written in one transaction.
import { eq } from 'drizzle-orm';
import type { Defaults } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { purchaseRecords, subscriptions } from '../db/schema.ts';
import type { ContractImportPlan, ContractLine, ExistingContract } from '../domain/contract-import.ts';
import { type AuditEntry, recordAudit } from './audit.ts';

export async function loadContracts(db: Db): Promise<ExistingContract[]> {
  return db
    .select({
      id: subscriptions.id,
      appId: subscriptions.appId,
      plan: subscriptions.plan,
      contractRef: subscriptions.contractRef,
      metric: subscriptions.metric,
      seats: subscriptions.seats,
      unitCost: subscriptions.unitCost,
      currency: subscriptions.currency,
      billingPeriod: subscriptions.billingPeriod,
      startDate: subscriptions.startDate,
      renewalDate: subscriptions.renewalDate,
      autoRenew: subscriptions.autoRenew,
      noticeDays: subscriptions.noticeDays,
      ownerEmail: subscriptions.ownerEmail,
      department: subscriptions.department,
    })
    .from(subscriptions);
}

export type PurchaseSource = { fileName: string | null; importedBy: string; now: Date };

const purchaseOf = (line: ContractLine, subscriptionId: number, source: PurchaseSource) => ({
  subscriptionId,
  contractRef: line.contractRef,
  vendor: line.vendor,
  fileName: source.fileName,
  row: line.row,
  quantity: line.purchase.quantity,
  lineTotal: line.purchase.lineTotal,
  currency: line.purchase.currency,
  startDate: line.purchase.startDate,
  endDate: line.purchase.endDate,
  importedBy: source.importedBy,
  importedAt: source.now,
});

/** Writes the plan; `audit` words the entry from the ids of the subscriptions added, in the order of `plan.add`. */
export async function applyContractImport(
  db: Db,
  plan: Pick<ContractImportPlan, 'add' | 'update'>,
  defaults: Defaults,
  source: PurchaseSource,
  audit: (added: number[]) => AuditEntry,
): Promise<void> {
  const { now } = source;
  await db.transaction(async (tx) => {
    const added: number[] = [];
    for (const line of plan.add) {
      const seats = line.terms.seats ?? null;
      const [row] = await tx
        .insert(subscriptions)
        .values({
          appId: line.appId,
          plan: line.plan,
          contractRef: line.contractRef,
          metric: line.terms.metric ?? (seats === null ? 'flat' : 'named_user'),
          seats,
          unitCost: line.terms.unitCost,
          currency: line.terms.currency,
          billingPeriod: line.terms.billingPeriod,
          startDate: line.terms.startDate ?? null,
          renewalDate: line.terms.renewalDate ?? null,
          autoRenew: line.terms.autoRenew ?? false,
          noticeDays: line.terms.noticeDays ?? 30,
          ownerEmail: line.terms.ownerEmail ?? null,
          department: line.terms.department ?? null,
          activityWindowDays: defaults.activityWindowDays,
          minActiveMinutes: defaults.minActiveMinutes,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: subscriptions.id });
      added.push(row!.id);
    }
    for (const { id, line } of plan.update) {
      await tx
        .update(subscriptions)
        .set({ ...line.terms, plan: line.plan, updatedAt: now })
        .where(eq(subscriptions.id, id));
    }
    const records = [
      ...plan.add.map((line, i) => purchaseOf(line, added[i]!, source)),
      ...plan.update.map(({ id, line }) => purchaseOf(line, id, source)),
    ];
    for (let i = 0; i < records.length; i += 500) await tx.insert(purchaseRecords).values(records.slice(i, i + 500));
    await recordAudit(tx, audit(added));
  });
}
