// Reclaims in the database: save new ones (with their audit entries and emails, all or nothing), save a workflow
// step (only from the state it was read in), list them, and the seats they block.
import { and, count, desc, eq, getTableColumns, gte, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { Reclaim, ReclaimList, ReclaimState } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { apps, auditLog, people, reclaims, seats, subscriptions } from '../db/schema.ts';
import { OPEN_STATES } from '../domain/reclaim-flow.ts';
import { RECLAIM_REQUEST_EVENT } from '../domain/reclaim-link.ts';
import { queueEmail } from './outbox.ts';

type Row = typeof reclaims.$inferSelect;
type PersonFields = { personName: string | null; personDepartment: string | null };

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

function toReclaim({ personName, personDepartment, ...row }: Row & PersonFields): Reclaim {
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
  };
}

function selectReclaims(db: Db, where: SQL | undefined) {
  return db
    .select({ ...getTableColumns(reclaims), personName: people.name, personDepartment: people.department })
    .from(reclaims)
    .innerJoin(people, eq(people.id, reclaims.personId))
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

/** A seat IT selected, with its holder and the subscription terms a reclaim records. */
export type SeatToReclaim = {
  seatId: number;
  subscriptionId: number;
  personId: number;
  email: string;
  appId: string;
  appName: string;
  plan: string;
  metric: 'named_user' | 'concurrent' | 'site' | 'flat';
  unitCost: number;
  billingPeriod: 'monthly' | 'annual';
  currency: string;
};

export function seatsToReclaim(db: Db, seatIds: readonly number[]): Promise<SeatToReclaim[]> {
  return db
    .select({
      seatId: seats.id,
      subscriptionId: seats.subscriptionId,
      personId: seats.personId,
      email: people.email,
      appId: subscriptions.appId,
      appName: apps.name,
      plan: subscriptions.plan,
      metric: subscriptions.metric,
      unitCost: subscriptions.unitCost,
      billingPeriod: subscriptions.billingPeriod,
      currency: subscriptions.currency,
    })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .innerJoin(subscriptions, eq(subscriptions.id, seats.subscriptionId))
    .innerJoin(apps, eq(apps.id, subscriptions.appId))
    .where(inArray(seats.id, [...seatIds]));
}

export type NewReclaim = {
  seatId: number;
  subscriptionId: number;
  subscriptionName: string;
  personId: number;
  email: string;
  holderStatus: string;
  state: 'open' | 'notified' | 'ready';
  annualSaving: number;
  currency: string;
};

/**
 * Saves the reclaims in one transaction, each with its audit entry and, when its holder is to be asked, the queued
 * keep-or-release email (the outbox writes the link when it sends it). All or nothing; replies the new ids in order.
 */
export async function saveNewReclaims(
  db: Db,
  created: readonly NewReclaim[],
  actor: string,
  now: Date,
  baseUrl: string,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const reclaim of created) {
      // respond_by and notified_at stay empty until the outbox has sent the email: the holder's time starts then.
      const [inserted] = await tx
        .insert(reclaims)
        .values({ ...reclaim, respondBy: null, notifiedAt: null, createdBy: actor, updatedAt: now })
        .returning({ id: reclaims.id });
      const reclaimId = inserted!.id;
      ids.push(reclaimId);
      await tx.insert(auditLog).values({
        actor,
        action: 'reclaim.create',
        subjectType: 'reclaim',
        subjectId: String(reclaimId),
        before: null,
        after: {
          seatId: reclaim.seatId,
          email: reclaim.email,
          subscription: reclaim.subscriptionName,
          holderStatus: reclaim.holderStatus,
          state: reclaim.state,
          askedByEmail: reclaim.state === 'notified',
        },
      });
      if (reclaim.state === 'notified')
        await queueEmail(tx, reclaim.email, RECLAIM_REQUEST_EVENT, { reclaimId, baseUrl }, now.getTime());
    }
    return ids;
  });
}

/** What one workflow step writes: the reclaim's new fields, and its audit entry. */
export type StepChange = {
  set: Partial<Pick<Row, 'state' | 'respondedAt' | 'keepReason' | 'keptUntil' | 'revokedAt'>> & { state: ReclaimState };
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  /** Revoking: the seat goes, audited as a seat removal with what it was. */
  removeSeat: { seatId: number; before: unknown } | null;
};

/**
 * Saves a step only while the reclaim is still in the state it was read in, so two people acting at once cannot both
 * succeed: 'stale' (and nothing written) when someone else got there first.
 */
export async function saveReclaimStep(
  db: Db,
  id: number,
  readIn: ReclaimState,
  change: StepChange,
  now: Date,
): Promise<'saved' | 'stale'> {
  return db.transaction(async (tx) => {
    const update = await tx
      .update(reclaims)
      .set({ ...change.set, updatedAt: now })
      .where(and(eq(reclaims.id, id), eq(reclaims.state, readIn)));
    if (update.rowsAffected !== 1) return 'stale';
    if (change.removeSeat) {
      const { seatId, before } = change.removeSeat;
      await tx.delete(seats).where(eq(seats.id, seatId));
      const seatEntry = { actor: change.actor, action: 'seat.remove', subjectType: 'seat' };
      await tx.insert(auditLog).values({ ...seatEntry, subjectId: String(seatId), before, after: null });
    }
    await tx.insert(auditLog).values({
      actor: change.actor,
      action: change.action,
      subjectType: 'reclaim',
      subjectId: String(id),
      before: change.before,
      after: change.after,
    });
    return 'saved';
  });
}

/** Reclaims whose holder was asked and did not answer by the deadline (one whose email never went out has none). */
export async function unansweredReclaimIds(db: Db, today: string): Promise<number[]> {
  const rows = await db
    .select({ id: reclaims.id })
    .from(reclaims)
    .where(and(eq(reclaims.state, 'notified'), isNotNull(reclaims.notifiedAt), lt(reclaims.respondBy, today)));
  return rows.map((row) => row.id);
}
