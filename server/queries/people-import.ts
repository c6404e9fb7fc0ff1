// An HR/directory import's data access: everyone as the plan compares them, then the plan and its audit entry written
// in one transaction of a few statements, whatever the file's size. People are never deleted: leavers are marked,
// their usage and seats stay.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people } from '../db/schema.ts';
import type { ExistingPerson, PeopleImportPlan } from '../domain/people-import.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { cell, jsonValues } from './json-values.ts';
import { PERSON_COLUMNS, personCells } from './person-columns.ts';

export async function loadPeopleForImport(db: Db): Promise<ExistingPerson[]> {
  return db.select(PERSON_COLUMNS).from(people);
}

/** Writes the planned changes and the audit entry together: all of it, or (on any failure) none of it. */
export async function applyPeopleImport(
  db: Db,
  plan: Pick<PeopleImportPlan, 'add' | 'update' | 'listed' | 'missing'>,
  audit: AuditEntry,
  now: Date,
): Promise<void> {
  const upserts = [...plan.add, ...plan.update.map((u) => ({ email: u.email, ...u.after }))];
  await db.transaction(async (tx) => {
    if (upserts.length > 0) {
      const rows = jsonValues(upserts.map(personCells));
      // `where true` tells SQLite's parser the `on conflict` belongs to the insert, not to the select.
      await tx.run(
        sql`insert into ${people} (email, name, department, location, manager_email, status, start_date, end_date)
            select ${sql.join([0, 1, 2, 3, 4, 5, 6, 7].map(cell), sql`, `)} from ${rows} where true
            on conflict (email) do update set name = excluded.name, department = excluded.department,
              location = excluded.location, manager_email = excluded.manager_email, status = excluded.status,
              start_date = excluded.start_date, end_date = excluded.end_date`,
      );
    }
    // Listed by HR: a person first created by a browser enrolling is confirmed from now on (DESIGN section 3).
    if (plan.listed.length > 0) {
      const listed = jsonValues(plan.listed.map((email) => [email]));
      await tx
        .update(people)
        .set({ confirmedAt: now })
        .where(inArray(people.email, sql`(select ${cell(0)} from ${listed})`));
    }
    if (plan.missing.length > 0) {
      const missing = jsonValues(plan.missing.map((p) => [p.id]));
      await tx
        .update(people)
        .set({ status: 'left' })
        .where(inArray(people.id, sql`(select ${cell(0)} from ${missing})`));
    }
    await recordAudit(tx, audit);
  });
}
