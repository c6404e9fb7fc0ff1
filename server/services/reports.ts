// The reports people read: the reconciliation as the API answers it, one subscription with a page of its holders,
// and the licence position and seat-level reports. Every figure starts at readReconciliation.
import type { z } from 'zod';
import type { HoldersQuery, Reconciliation, SubscriptionReconciliation } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { PersonMask } from '../domain/person-mask.ts';
import type { LicencePositionEntry, PurchaseSummary, SeatReportEntry } from '../domain/report-tables.ts';
import { notFound } from '../errors.ts';
import { getHolderDetails } from '../queries/holders.ts';
import { purchaseSummaries } from '../queries/purchase-records.ts';
import { holderPage } from './holder-page.ts';
import { readReconciliation, withoutTerms } from './reconciliation.ts';
import { paidLastYear } from './spend.ts';
import { readSubscription } from './subscriptions.ts';

/** Every subscription reconciled as of `asOf`, with the totals per currency (GET /reconciliation). */
export async function companyReconciliation(db: Db, asOf: string): Promise<Reconciliation> {
  const { totals, subscriptions } = await readReconciliation(db, asOf);
  return { asOf, totals, subscriptions: subscriptions.map(withoutTerms) };
}

/**
 * One subscription reconciled as of `query.asOf` (default today), with the holders that match the query's status and
 * search, paged; `holdersTotal` counts every match. Reclaims that hold a seat back are those open on `today`.
 */
export async function subscriptionReconciliation(
  db: Db,
  id: number,
  query: z.output<typeof HoldersQuery>,
  today: string,
  mask: PersonMask | null = null,
): Promise<SubscriptionReconciliation> {
  const asOf = query.asOf ?? today;
  const subscription = await readSubscription(db, id);
  const report = await readReconciliation(db, asOf, { appId: subscription.appId });
  const reconciled = report.subscriptions.find((r) => r.subscriptionId === id);
  if (!reconciled) throw notFound('The subscription');
  const { total, holders } = await holderPage(db, subscription, report.holders.get(id) ?? [], query, today, mask);
  return { asOf, ...withoutTerms(reconciled), holdersTotal: total, holders };
}

/** Every subscription's figures with its terms, what its app was paid and its purchase records, for the report. */
export async function licencePositionReport(
  db: Db,
  asOf: string,
): Promise<{ rows: LicencePositionEntry[]; purchases: Map<number, PurchaseSummary> }> {
  const [{ subscriptions }, purchases] = await Promise.all([readReconciliation(db, asOf), purchaseSummaries(db)]);
  const paid = await paidLastYear(db, subscriptions, asOf);
  const rows = subscriptions.map((row) => ({ ...row, paid: paid.get(`${row.appId} ${row.currency}`)?.paid ?? 0 }));
  return { rows, purchases };
}

/** Every seat holder with their subscription's figures: all of them, one subscription's, or one app's. */
export async function seatReport(
  db: Db,
  query: { subscriptionId?: number | undefined; appId?: string | undefined },
  asOf: string,
  today: string,
): Promise<SeatReportEntry[]> {
  let appId = query.appId;
  if (query.subscriptionId !== undefined) appId = (await readSubscription(db, query.subscriptionId)).appId;
  const report = await readReconciliation(db, asOf, appId ? { appId } : {});
  const rows = report.subscriptions.filter(
    (row) =>
      (query.subscriptionId === undefined || row.subscriptionId === query.subscriptionId) &&
      (!query.appId || row.appId === query.appId),
  );
  const entries: SeatReportEntry[] = [];
  for (const { terms, ...row } of rows) {
    const holders = report.holders.get(row.subscriptionId) ?? [];
    for (const holder of await getHolderDetails(db, holders, terms, today)) entries.push({ row, holder });
  }
  return entries;
}
