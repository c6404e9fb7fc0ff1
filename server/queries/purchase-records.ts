// The purchase records imported contract lines left on their subscriptions, for audit preparation.
import { desc, eq, sql } from 'drizzle-orm';
import type { PurchaseRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { purchaseRecords } from '../db/schema.ts';
import type { PurchaseSummary } from '../domain/report-tables.ts';

type Row = typeof purchaseRecords.$inferSelect;

const toRecord = (row: Row): PurchaseRecord => ({ ...row, importedAt: row.importedAt.toISOString() });

/** Newest first: one subscription's, or every one. */
export async function listPurchaseRecords(db: Db, subscriptionId?: number): Promise<PurchaseRecord[]> {
  const rows = await db
    .select()
    .from(purchaseRecords)
    .where(subscriptionId === undefined ? undefined : eq(purchaseRecords.subscriptionId, subscriptionId))
    .orderBy(desc(purchaseRecords.importedAt), desc(purchaseRecords.id));
  return rows.map(toRecord);
}

/** Per subscription: how many purchase records it has and the newest one. */
export async function purchaseSummaries(db: Db): Promise<Map<number, PurchaseSummary>> {
  const rows = await db
    .select({
      record: purchaseRecords,
      count: sql<number>`count(*) over (partition by ${purchaseRecords.subscriptionId})`,
      rank: sql<number>`row_number() over (partition by ${purchaseRecords.subscriptionId}
        order by ${purchaseRecords.importedAt} desc, ${purchaseRecords.id} desc)`,
    })
    .from(purchaseRecords)
    .where(sql`${purchaseRecords.subscriptionId} is not null`);
  const summaries = new Map<number, PurchaseSummary>();
  for (const { record, count, rank } of rows) {
    if (Number(rank) === 1) summaries.set(record.subscriptionId!, { count: Number(count), last: toRecord(record) });
  }
  return summaries;
}
