// The purchase records of a subscription: what each imported register line said, for audit preparation.
import type { PurchaseRecord } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { listPurchaseRecords } from '../queries/purchase-records.ts';
import { readSubscription } from './subscriptions.ts';

/** Newest first; 404 for an unknown subscription. */
export async function subscriptionPurchaseRecords(db: Db, subscriptionId: number): Promise<PurchaseRecord[]> {
  await readSubscription(db, subscriptionId);
  return listPurchaseRecords(db, subscriptionId);
}

/** Every purchase record, newest first (the Reports page joins them to the licence position). */
export const allPurchaseRecords = (db: Db) => listPurchaseRecords(db);
