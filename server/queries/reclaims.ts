// Reclaims in the database: create them for seats, move them through the workflow (each step audited in the same
// batch), list them, and the savings they realise.
import type { InStatement } from '@libsql/client';
import type { Reclaim, ReclaimList } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../domain/days.ts';
import { nextState, type ReclaimState, type ReclaimStep } from '../domain/reclaim-flow.ts';
import { Conflict, conflict, notFound } from '../errors.ts';

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

const SELECT = `select r.*, p.name as person_name, p.department as person_department from reclaims r join people p on p.id = r.person_id`;

function toReclaim(row: Record<string, unknown>): Reclaim {
  return {
    id: Number(row.id),
    seatId: row.seat_id === null ? null : Number(row.seat_id),
    subscriptionId: row.subscription_id === null ? null : Number(row.subscription_id),
    subscriptionName: String(row.subscription_name),
    email: String(row.email),
    name: text(row.person_name),
    department: text(row.person_department),
    holderStatus: String(row.holder_status),
    state: String(row.state) as Reclaim['state'],
    annualSaving: Number(row.annual_saving),
    currency: String(row.currency),
    respondBy: text(row.respond_by),
    keepReason: text(row.keep_reason),
    keptUntil: text(row.kept_until),
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at)!,
    notifiedAt: iso(row.notified_at),
    respondedAt: iso(row.responded_at),
    revokedAt: iso(row.revoked_at),
    emailProblem: text(row.email_problem),
  };
}

export async function getReclaim(db: Db, id: number): Promise<Reclaim | null> {
  const result = await db.$client.execute({ sql: `${SELECT} where r.id = ?`, args: [id] });
  return result.rows[0] ? toReclaim(result.rows[0]) : null;
}

export type ReclaimFilter = {
  state?: string[] | undefined;
  subscriptionId?: number | undefined;
  limit: number;
  offset: number;
};

export async function listReclaims(db: Db, filter: ReclaimFilter): Promise<ReclaimList> {
  const conditions: string[] = [];
  const args: (string | number)[] = [];
  if (filter.state?.length) {
    conditions.push(`r.state in (${filter.state.map(() => '?').join(',')})`);
    args.push(...filter.state);
  }
  if (filter.subscriptionId !== undefined) {
    conditions.push('r.subscription_id = ?');
    args.push(filter.subscriptionId);
  }
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  const [total, page] = await db.$client.batch(
    [
      { sql: `select count(*) as n from reclaims r${where}`, args },
      { sql: `${SELECT}${where} order by r.id desc limit ? offset ?`, args: [...args, filter.limit, filter.offset] },
    ],
    'read',
  );
  return { total: Number(total!.rows[0]!.n), reclaims: page!.rows.map((row) => toReclaim(row)) };
}

/** Seats with an unfinished reclaim, or kept until a day on or after `today`: not to be proposed again. */
export async function blockedSeats(db: Db, seatIds: readonly number[], today: string): Promise<Map<number, string>> {
  if (seatIds.length === 0) return new Map();
  const result = await db.$client.execute({
    sql: `select seat_id, state, kept_until from reclaims where seat_id in (${seatIds.map(() => '?').join(',')})
          and (state in ('open', 'notified', 'released', 'ready') or (state = 'kept' and kept_until >= ?))`,
    args: [...seatIds, today],
  });
  return new Map(
    result.rows.map((row) => [
      Number(row.seat_id),
      row.state === 'kept' ? `kept until ${String(row.kept_until)}` : `already being reclaimed (${String(row.state)})`,
    ]),
  );
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
  respondBy: string | null;
};

export function insertReclaimStatement(reclaim: NewReclaim, actor: string, now: number): InStatement {
  return {
    sql: `insert into reclaims (seat_id, subscription_id, subscription_name, person_id, email, state, holder_status, annual_saving, currency, respond_by, created_by, updated_at, notified_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    args: [
      reclaim.seatId,
      reclaim.subscriptionId,
      reclaim.subscriptionName,
      reclaim.personId,
      reclaim.email,
      reclaim.state,
      reclaim.holderStatus,
      // notified_at stays empty until the outbox has sent the email.
      reclaim.annualSaving,
      reclaim.currency,
      reclaim.respondBy,
      actor,
      now,
      null,
    ],
  };
}

export const auditStatement = (
  actor: string,
  action: string,
  id: number | string,
  before: unknown,
  after: unknown,
): InStatement => ({
  sql: `insert into audit_log (actor, action, subject_type, subject_id, before, after) values (?, ?, 'reclaim', ?, ?, ?)`,
  args: [
    actor,
    action,
    String(id),
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
  ],
});

export type StepInput = {
  step: ReclaimStep;
  actor: string;
  now: number;
  today: string;
  reason?: string;
  windowDays?: number;
};

/**
 * Takes one workflow step. The update only applies while the reclaim is still in the state it was read in, so two
 * people acting at once cannot both succeed; revoking also removes the seat, in the same batch.
 */
export async function takeStep(db: Db, id: number, input: StepInput): Promise<Reclaim> {
  const before = await getReclaim(db, id);
  if (!before) throw notFound('The reclaim');
  const next = nextState(before.state, input.step);
  if ('problem' in next) throw conflict('invalid_step', next.problem);
  const state: ReclaimState = next.state;
  const sets = ['state = ?', 'updated_at = ?'];
  const args: (string | number | null)[] = [state, input.now];
  if (input.step === 'release' || input.step === 'keep') {
    sets.push('responded_at = ?');
    args.push(input.now);
  }
  if (input.step === 'keep') {
    sets.push('keep_reason = ?', 'kept_until = ?');
    args.push(input.reason ?? null, addDays(input.today, input.windowDays ?? 30));
  }
  if (input.step === 'revoke') {
    sets.push('revoked_at = ?');
    args.push(input.now);
  }
  const statements: InStatement[] = [
    { sql: `update reclaims set ${sets.join(', ')} where id = ? and state = ?`, args: [...args, id, before.state] },
  ];
  if (input.step === 'revoke' && before.seatId !== null) {
    statements.push({ sql: 'delete from seats where id = ?', args: [before.seatId] });
    statements.push({
      sql: `insert into audit_log (actor, action, subject_type, subject_id, before) values (?, 'seat.remove', 'seat', ?, ?)`,
      args: [
        input.actor,
        String(before.seatId),
        JSON.stringify({ email: before.email, subscription: before.subscriptionName, reclaimId: id }),
      ],
    });
  }
  statements.push(
    auditStatement(
      input.actor,
      `reclaim.${input.step}`,
      id,
      { state: before.state },
      {
        state,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.step === 'revoke' ? { annualSaving: before.annualSaving, currency: before.currency } : {}),
      },
    ),
  );
  const [update] = await db.$client.batch(statements, 'write');
  if (update!.rowsAffected !== 1)
    throw new Conflict('invalid_step', 'Someone else changed this reclaim just now; reload and try again.');
  return (await getReclaim(db, id))!;
}

/** Reclaims whose holder did not answer by the deadline become ready to revoke; one whose email never went out has no deadline. */
export async function expireUnanswered(db: Db, today: string, now: number): Promise<number> {
  const due = await db.$client.execute({
    sql: `select id from reclaims where state = 'notified' and notified_at is not null and respond_by < ?`,
    args: [today],
  });
  for (const row of due.rows) await takeStep(db, Number(row.id), { step: 'expire', actor: 'system', now, today });
  return due.rows.length;
}

/** Realised savings (revoked reclaims) per currency. */
export async function realisedSavings(db: Db): Promise<Map<string, number>> {
  const result = await db.$client.execute(
    `select currency, sum(annual_saving) as saved from reclaims where state = 'revoked' group by currency`,
  );
  return new Map(result.rows.map((row) => [String(row.currency), Number(row.saved)]));
}
