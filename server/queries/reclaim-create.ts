// Creates reclaims for seats IT selected: only idle, never-used and leavers' seats, none already in a reclaim or
// kept; holders who are still here may get a keep-or-release email. One transaction: all or nothing.
import type { Db } from '../db/client.ts';
import { isReclaimableStatus } from '../domain/holder-status.ts';
import { annualSeatSaving } from '../domain/reclaim-flow.ts';
import { subscriptionName } from '../domain/subscription-name.ts';
import { Conflict } from '../errors.ts';
import { readReconciliation } from '../services/reconciliation.ts';
import { getSmtp } from './alert-settings.ts';
import { enqueueReclaimRequest } from './reclaim-email.ts';
import { auditStatement, blockedSeats, insertReclaimStatement, type NewReclaim } from './reclaims.ts';

export type CreateReclaimsInput = {
  seatIds: number[];
  notify: boolean;
  actor: string;
  now: Date;
  today: string;
  baseUrl: string;
};

export async function createReclaims(db: Db, input: CreateReclaimsInput): Promise<number[]> {
  // Promising an email that cannot be sent would let a deadline run for someone who was never asked.
  if (input.notify && !(await getSmtp(db))) {
    throw new Conflict(
      'email_not_configured',
      'Nothing was created: no email server is set up, so the holders cannot be asked. Reclaim without asking them (notify: false; in the dashboard, untick "Ask the holders by email"), or have an admin set up the SMTP server in Settings > Email first.',
    );
  }
  const seatIds = [...new Set(input.seatIds)];
  const seats = await db.$client.execute({
    sql: `select s.id, s.subscription_id, s.person_id, p.email, sub.app_id, sub.plan, sub.metric, sub.unit_cost, sub.billing_period, sub.currency, a.name as app_name
          from seats s join people p on p.id = s.person_id join subscriptions sub on sub.id = s.subscription_id join apps a on a.id = sub.app_id
          where s.id in (${seatIds.map(() => '?').join(',')})`,
    args: seatIds,
  });
  const found = new Map(seats.rows.map((row) => [Number(row.id), row]));
  const problems: string[] = seatIds.filter((id) => !found.has(id)).map((id) => `seat ${id} does not exist`);

  const statusOf = new Map<number, string>();
  for (const appId of new Set(seats.rows.map((row) => String(row.app_id)))) {
    const report = await readReconciliation(db, input.today, { appId });
    for (const holders of report.holders.values())
      for (const holder of holders) statusOf.set(holder.seatId, holder.status);
  }
  const blocked = await blockedSeats(db, seatIds, input.today);
  for (const [id, row] of found) {
    const status = statusOf.get(id) ?? 'not counted yet';
    if (!isReclaimableStatus(status))
      problems.push(
        `${String(row.email)} on ${String(row.app_name)} is ${status.replace('_', ' ')}, not idle, never used or left`,
      );
    else if (blocked.has(id)) problems.push(`${String(row.email)} on ${String(row.app_name)}: ${blocked.get(id)}`);
  }
  if (problems.length > 0) throw new Conflict('not_reclaimable', `Nothing was created: ${problems.join('; ')}.`);

  const now = input.now.getTime();
  const tx = await db.$client.transaction('write');
  try {
    const ids: number[] = [];
    for (const [id, row] of found) {
      const status = statusOf.get(id)!;
      // People who left are not asked: their seat is ready to remove.
      const state = status === 'left' ? 'ready' : input.notify ? 'notified' : 'open';
      const reclaim: NewReclaim = {
        seatId: id,
        subscriptionId: Number(row.subscription_id),
        subscriptionName: subscriptionName(String(row.app_name), String(row.plan)),
        personId: Number(row.person_id),
        email: String(row.email),
        holderStatus: status,
        state,
        annualSaving: annualSeatSaving({
          metric: String(row.metric),
          unitCost: Number(row.unit_cost),
          billingPeriod: row.billing_period === 'monthly' ? 'monthly' : 'annual',
        }),
        currency: String(row.currency),
        // Set when the email is actually sent (the outbox): the holder's time to answer starts then.
        respondBy: null,
      };
      const inserted = await tx.execute(insertReclaimStatement(reclaim, input.actor, now));
      const reclaimId = Number(inserted.rows[0]!.id);
      ids.push(reclaimId);
      await tx.execute(
        auditStatement(input.actor, 'reclaim.create', reclaimId, null, {
          seatId: id,
          email: reclaim.email,
          subscription: reclaim.subscriptionName,
          holderStatus: status,
          state,
          askedByEmail: state === 'notified',
        }),
      );
      if (state === 'notified')
        await tx.execute(enqueueReclaimRequest(reclaim.email, { reclaimId, baseUrl: input.baseUrl }, now));
    }
    await tx.commit();
    return ids;
  } finally {
    tx.close();
  }
}
