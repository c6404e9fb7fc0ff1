// A people row as read with raw SQL (snake_case columns) to the person's fields.
import type { PersonFields } from '../domain/people-import.ts';

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function personFields(row: Record<string, unknown>): PersonFields {
  return {
    name: text(row.name),
    department: text(row.department),
    location: text(row.location),
    managerEmail: text(row.manager_email),
    status: row.status === 'left' ? 'left' : 'active',
    startDate: text(row.start_date),
    endDate: text(row.end_date),
  };
}
