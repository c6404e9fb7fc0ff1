// Reclaims as stored: one, a filtered page, the seats they block, and those whose answer deadline has passed.
import { and, count, desc, eq, getTableColumns, gte, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { Reclaim, ReclaimList, ReclaimState } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { people, reclaims } from '../db/schema.ts';
import { connectors } from '../db/schema-connectors.ts';
import { OPEN_STATES } from '../domain/reclaim-flow.ts';

type Row = typeof reclaims.$inferSelect;
type PersonFields = {
  personName: string | null;
  personDepartment: string | null;
  vendorDeprovision: Reclaim['vendorDeprovision'] | null;
};

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

function toReclaim({ personName, personDepartment, vendorDeprovision, ...row }: Row & PersonFields): Reclaim {
  return {
    id: row.id,
    seatId: row.seatId,
    subscriptionId: row.subscriptionId,
    subscriptionName: row.subscriptionName,
    email: row.email,
    name: personName,
    department: personDepartment,
    holderStatus: row.holderStatus,
    state: row.state,
    annualSaving: row.annualSaving,
    currency: row.currency,
    respondBy: row.respondBy,
    keepReason: row.keepReason,
    keptUntil: row.keptUntil,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    notifiedAt: iso(row.notifiedAt),
    respondedAt: iso(row.respondedAt),
    revokedAt: iso(row.revokedAt),
    emailProblem: row.emailProblem,
    vendorProblem: row.vendorProblem,
    vendorDeprovision: vendorDeprovision ?? 'none',
  };
}

function selectReclaims(db: Db, where: SQL | undefined) {
  return db
    .select({
      ...getTableColumns(reclaims),
      personName: people.name,
      personDepartment: people.department,
      vendorDeprovision: connectors.deprovision,
    })
    .from(reclaims)
    .innerJoin(people, eq(people.id, reclaims.personId))
    .leftJoin(connectors, eq(connectors.subscriptionId, reclaims.subscriptionId))
    .where(where);
}

export async function getReclaim(db: Db, id: number): Promise<Reclaim | null> {
  const [row] = await selectReclaims(db, eq(reclaims.id, id));
  return row ? toReclaim(row) : null;
}

export type ReclaimFilter = {
  state?: ReclaimState[] | undefined;
  subscriptionId?: number | undefined;
  limit: number;
  offset: number;
};

export async function listReclaims(db: Db, filter: ReclaimFilter): Promise<ReclaimList> {
  const where = and(
    filter.state?.length ? inArray(reclaims.state, filter.state) : undefined,
    filter.subscriptionId !== undefined ? eq(reclaims.subscriptionId, filter.subscriptionId) : undefined,
  );
  const [[total], page] = await db.batch([
    db.select({ n: count() }).from(reclaims).where(where),
    selectReclaims(db, where).orderBy(desc(reclaims.id)).limit(filter.limit).offset(filter.offset),
  ]);
  return { total: total?.n ?? 0, reclaims: page.map(toReclaim) };
}

export type SeatBlock = { state: ReclaimState; keptUntil: string | null };

/** Seats with an unfinished reclaim, or kept until a day on or after `today`: not to be proposed again. */
export async function blockedSeats(db: Db, seatIds: readonly number[], today: string): Promise<Map<number, SeatBlock>> {
  if (seatIds.length === 0) return new Map();
  const rows = await db
    .select({ seatId: reclaims.seatId, state: reclaims.state, keptUntil: reclaims.keptUntil })
    .from(reclaims)
    .where(
      and(
        inArray(reclaims.seatId, [...seatIds]),
        or(inArray(reclaims.state, [...OPEN_STATES]), and(eq(reclaims.state, 'kept'), gte(reclaims.keptUntil, today))),
      ),
    );
  return new Map(rows.map(({ seatId, ...block }) => [seatId!, block]));
}

/** Reclaims whose holder was asked and did not answer by the deadline (one whose email never went out has none). */
export async function unansweredReclaimIds(db: Db, today: string): Promise<number[]> {
  const rows = await db
    .select({ id: reclaims.id })
    .from(reclaims)
    .where(and(eq(reclaims.state, 'notified'), isNotNull(reclaims.notifiedAt), lt(reclaims.respondBy, today)));
  return rows.map((row) => row.id);
}
