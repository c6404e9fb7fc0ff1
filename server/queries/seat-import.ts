// A vendor seat-list import's data access: the subscription's seats and which emails are new people, read before
// planning; then the plan and its audit entry written in one transaction of a few statements, whatever the file's size.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people, seats } from '../db/schema.ts';
import type { ExistingSeat, SeatImportPlan } from '../domain/seat-import.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { cell, jsonValues } from './json-values.ts';

/** The subscription's seats as the plan compares them: the holder's email and the vendor's last-active day. */
export async function loadImportedSeats(db: Db, subscriptionId: number): Promise<ExistingSeat[]> {
  const rows = await db
    .select({ seatId: seats.id, email: people.email, vendorLastActiveAt: seats.vendorLastActiveAt })
    .from(seats)
    .innerJoin(people, eq(people.id, seats.personId))
    .where(eq(seats.subscriptionId, subscriptionId));
  return rows.map(({ seatId, email, vendorLastActiveAt }) => ({
    seatId,
    email,
    vendorLastActiveDay: vendorLastActiveAt === null ? null : vendorLastActiveAt.slice(0, 10),
  }));
}

/** Of these emails, the ones no person has yet (the import will create them). */
export async function unknownPeople(db: Db, emails: readonly string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const listed = jsonValues(emails.map((email) => [email]));
  const rows = await db
    .select({ email: people.email })
    .from(people)
    .where(inArray(people.email, sql`(select ${cell(0)} from ${listed})`));
  const known = new Set(rows.map((row) => row.email));
  return emails.filter((email) => !known.has(email));
}

/** Writes the planned seat changes and the audit entry together: all of it, or (on any failure) none of it. */
export async function applySeatImport(
  db: Db,
  subscriptionId: number,
  plan: Pick<SeatImportPlan, 'add' | 'update' | 'remove'>,
  audit: AuditEntry,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (plan.add.length > 0) {
      const added = jsonValues(plan.add.map((seat) => [seat.email, seat.assignedAt, seat.vendorLastActiveDay]));
      // `where true` tells SQLite's parser the `on conflict` belongs to the insert, not to a join.
      await tx.run(
        sql`insert into ${people} (email) select ${cell(0)} from ${added} where true on conflict (email) do nothing`,
      );
      await tx.run(
        sql`insert into ${seats} (subscription_id, person_id, assigned_at, source, vendor_last_active_at)
            select ${subscriptionId}, ${people.id}, ${cell(1)}, 'import', ${cell(2)}
            from ${added} join ${people} on ${people.email} = ${cell(0)}
            where true on conflict (subscription_id, person_id) do nothing`,
      );
    }
    if (plan.update.length > 0) {
      const days = jsonValues(plan.update.map((seat) => [seat.seatId, seat.vendorLastActiveDay]));
      await tx.run(
        sql`update ${seats} set vendor_last_active_at = ${cell(1)} from ${days} where ${seats.id} = ${cell(0)}`,
      );
    }
    if (plan.remove.length > 0) {
      const removed = jsonValues(plan.remove.map((seat) => [seat.seatId]));
      await tx
        .delete(seats)
        .where(
          and(eq(seats.subscriptionId, subscriptionId), inArray(seats.id, sql`(select ${cell(0)} from ${removed})`)),
        );
    }
    await recordAudit(tx, audit);
  });
}
