// Writing the demo company: the directory, devices with the days they reported and their daily totals in one
// transaction (the rollup triggers build what reconciliation reads from the totals), then each subscription's seats.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deviceDays, devices, people, seats, subscriptions, usageDaily } from '../db/schema.ts';
import type { PersonFields } from '../domain/people-import.ts';
import { cell, jsonValues } from './json-values.ts';
import { personCells } from './person-columns.ts';

export type DemoDevice = { id: string; email: string; browser: string; tokenHash: string; lastSeenAt: number };
export type DemoDirectory = {
  people: readonly ({ email: string } & PersonFields)[];
  devices: readonly DemoDevice[];
  /** The days each device uploaded at least a heartbeat. */
  deviceDays: readonly { deviceId: string; day: string }[];
  usage: readonly {
    deviceId: string;
    appId: string;
    day: string;
    activeSeconds: number;
    visits: number;
    lastActiveAt: number;
  }[];
};

const columns = (count: number) =>
  sql.join(
    Array.from({ length: count }, (_, i) => cell(i)),
    sql`, `,
  );

export async function hasSubscriptions(db: Db): Promise<boolean> {
  return (await db.$count(subscriptions)) > 0;
}

export async function saveDemoDirectory(db: Db, directory: DemoDirectory): Promise<void> {
  const personRows = jsonValues(directory.people.map(personCells));
  const deviceRows = jsonValues(directory.devices.map((d) => [d.id, d.browser, d.tokenHash, d.lastSeenAt, d.email]));
  const dayRows = jsonValues(directory.deviceDays.map((d) => [d.deviceId, d.day]));
  const usageRows = jsonValues(
    directory.usage.map((u) => [u.deviceId, u.appId, u.day, u.activeSeconds, u.visits, u.lastActiveAt]),
  );
  await db.transaction(async (tx) => {
    await tx.run(
      sql`insert into ${people} (email, name, department, location, manager_email, status, start_date, end_date)
          select ${columns(8)} from ${personRows}`,
    );
    await tx.run(
      sql`insert into ${devices} (id, person_id, browser, extension_version, token_hash, last_seen_at)
          select ${cell(0)}, ${people.id}, ${cell(1)}, '0.1.0', ${cell(2)}, ${cell(3)}
          from ${deviceRows} join ${people} on ${people.email} = ${cell(4)}`,
    );
    await tx.run(sql`insert into ${deviceDays} (device_id, day) select ${columns(2)} from ${dayRows}`);
    await tx.run(
      sql`insert into ${usageDaily} (device_id, app_id, day, active_seconds, visits, last_active_at)
          select ${columns(6)} from ${usageRows}`,
    );
  });
}

/** The subscription's seats, each holder found by email (the directory is written first). */
export async function saveDemoSeats(
  db: Db,
  subscriptionId: number,
  holders: readonly { email: string; assignedAt: string }[],
): Promise<void> {
  if (holders.length === 0) return;
  const rows = jsonValues(holders.map((h) => [h.email, h.assignedAt]));
  await db.run(
    sql`insert into ${seats} (subscription_id, person_id, assigned_at, source)
        select ${subscriptionId}, ${people.id}, ${cell(1)}, 'import'
        from ${rows} join ${people} on ${people.email} = ${cell(0)}`,
  );
}
