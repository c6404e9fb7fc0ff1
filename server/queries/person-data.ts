// One person's seats, and erasing their measured usage on request (the person, devices and seats stay).
import type { PersonSeat } from '../contract.ts';
import type { Db } from '../db/client.ts';

export async function personSeats(db: Db, personId: number): Promise<PersonSeat[]> {
  const result = await db.$client.execute({
    sql: `select s.id, s.subscription_id, sub.app_id, a.name as app_name, sub.plan, s.assigned_at, s.source, s.vendor_last_active_at
          from seats s join subscriptions sub on sub.id = s.subscription_id join apps a on a.id = sub.app_id
          where s.person_id = ? order by a.name, sub.plan`,
    args: [personId],
  });
  return result.rows.map((row) => ({
    seatId: Number(row.id),
    subscriptionId: Number(row.subscription_id),
    appId: String(row.app_id),
    appName: String(row.app_name),
    plan: String(row.plan),
    assignedAt: String(row.assigned_at),
    source: row.source === 'import' ? 'import' : 'manual',
    vendorLastActiveAt: row.vendor_last_active_at === null ? null : String(row.vendor_last_active_at),
  }));
}

/**
 * Deletes every usage total the person's devices sent, the days they reported, and the rollups built from them,
 * in one atomic batch. Rollups go first, so the usage triggers find nothing left to adjust.
 */
export async function erasePersonUsage(db: Db, personId: number): Promise<{ erasedDays: number }> {
  const devices = `(select id from devices where person_id = ?)`;
  const [count] = await db.$client.batch(
    [
      { sql: `select count(*) as n from usage_daily where device_id in ${devices}`, args: [personId] },
      { sql: 'delete from person_usage_daily where person_id = ?', args: [personId] },
      { sql: 'delete from person_app_usage where person_id = ?', args: [personId] },
      { sql: 'delete from person_days where person_id = ?', args: [personId] },
      { sql: `delete from usage_daily where device_id in ${devices}`, args: [personId] },
      { sql: `delete from device_days where device_id in ${devices}`, args: [personId] },
    ],
    'write',
  );
  return { erasedDays: Number(count!.rows[0]!.n) };
}
