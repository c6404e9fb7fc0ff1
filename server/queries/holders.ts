// Seat holders of one subscription with who they are and when they were last active, for the detail view.
import { and, asc, eq, gte, inArray, isNotNull, or } from 'drizzle-orm';
import type { Holder, Subscription } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { people, personAppUsage, reclaims, seats } from '../db/schema.ts';
import type { HolderResult } from '../domain/reconciliation-report.ts';

/** A holder with both sources of last activity apart, for the seat report; the API shows only the later one. */
export type HolderDetail = Holder & { measuredLastActiveAt: string | null; vendorLastActiveDay: string | null };

/**
 * Per seat of the subscription, the reclaim that keeps it from being proposed again (the same rule as blockedSeats).
 */
export async function blockingReclaims(
  db: Db,
  subscriptionId: number,
  today: string,
): Promise<Map<number, NonNullable<Holder['reclaim']>>> {
  const rows = await db
    .select({
      id: reclaims.id,
      seatId: reclaims.seatId,
      state: reclaims.state,
      notifiedAt: reclaims.notifiedAt,
      respondBy: reclaims.respondBy,
      keptUntil: reclaims.keptUntil,
    })
    .from(reclaims)
    .where(
      and(
        eq(reclaims.subscriptionId, subscriptionId),
        isNotNull(reclaims.seatId),
        or(
          inArray(reclaims.state, ['open', 'notified', 'released', 'ready']),
          and(eq(reclaims.state, 'kept'), gte(reclaims.keptUntil, today)),
        ),
      ),
    )
    .orderBy(asc(reclaims.id));
  const bySeat = new Map<number, NonNullable<Holder['reclaim']>>();
  for (const { seatId, notifiedAt, ...reclaim } of rows) {
    if (seatId === null) continue;
    bySeat.set(seatId, { ...reclaim, notifiedAt: notifiedAt?.toISOString() ?? null });
  }
  return bySeat;
}

export async function getHolderDetails(
  db: Db,
  results: readonly HolderResult[],
  subscription: Subscription,
  today: string,
): Promise<HolderDetail[]> {
  if (results.length === 0) return [];
  const [reclaimOf, rows] = await Promise.all([
    blockingReclaims(db, subscription.id, today),
    loadSeatHolderRows(db, subscription.id),
  ]);
  const lastActiveOf = await measuredLastActive(
    db,
    subscription.appId,
    rows.map((row) => row.personId),
  );
  const bySeat = new Map(rows.map((row) => [row.seatId, row]));
  return results
    .flatMap((result): HolderDetail[] => {
      const row = bySeat.get(result.seatId);
      if (!row) return [];
      const measured = lastActiveOf.get(row.personId) ?? null;
      const vendor = row.vendorLastActiveAt ? `${row.vendorLastActiveAt.slice(0, 10)}T00:00:00Z` : null;
      const holder: HolderDetail = {
        seatId: result.seatId,
        email: row.email,
        name: row.name,
        department: row.department,
        status: result.status,
        assignedAt: row.assignedAt,
        lastActiveAt:
          [measured, vendor]
            .filter((v) => v !== null)
            .sort()
            .at(-1) ?? null,
        activeSeconds: result.activeSecondsInWindow,
        source: row.source,
        reclaim: reclaimOf.get(result.seatId) ?? null,
        measuredLastActiveAt: measured,
        vendorLastActiveDay: row.vendorLastActiveAt?.slice(0, 10) ?? null,
      };
      return [holder];
    })
    .sort((a, b) => a.email.localeCompare(b.email));
}

/** A seat of the subscription with who holds it: what a holders page shows that does not change with usage. */
export type SeatHolderRow = {
  seatId: number;
  personId: number;
  email: string;
  name: string | null;
  department: string | null;
  assignedAt: string;
  source: 'manual' | 'import';
  vendorLastActiveAt: string | null;
};

export async function loadSeatHolderRows(db: Db, subscriptionId: number): Promise<SeatHolderRow[]> {
  return db
    .select({
      seatId: seats.id,
      personId: seats.personId,
      email: people.email,
      name: people.name,
      department: people.department,
      assignedAt: seats.assignedAt,
      source: seats.source,
      vendorLastActiveAt: seats.vendorLastActiveAt,
    })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .where(eq(seats.subscriptionId, subscriptionId));
}

/** Beyond this many people the app's every row is read (one index range) rather than a list of bound ids. */
const LISTED_PEOPLE_MAX = 2_000;

/** When each of these people was last measured active on the app (people never measured are left out). */
export async function measuredLastActive(
  db: Db,
  appId: string,
  personIds: readonly number[],
): Promise<Map<number, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: personAppUsage.personId, lastActiveAt: personAppUsage.lastActiveAt })
    .from(personAppUsage)
    .where(
      personIds.length > LISTED_PEOPLE_MAX
        ? eq(personAppUsage.appId, appId)
        : and(eq(personAppUsage.appId, appId), inArray(personAppUsage.personId, [...personIds])),
    );
  const wanted = new Set(personIds);
  const byPerson = new Map<number, string>();
  for (const row of rows)
    if (row.lastActiveAt && wanted.has(row.personId)) byPerson.set(row.personId, row.lastActiveAt.toISOString());
  return byPerson;
}
