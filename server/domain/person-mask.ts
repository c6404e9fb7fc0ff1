// Works-council mode applied to a reply: every email and name of a pseudonymised person becomes their pseudonym,
// wherever it sits (a field, a list, free text such as an alert's message or an audit entry's before/after), and the
// details that would single them out next to a pseudonym (location, start and end dates, a department smaller than
// the minimum group) are left out. Pure: who is pseudonymised is the lookup's business.
import type { CsvCell } from './csv-write.ts';

/** What a pseudonymised person is shown as. */
export type MaskedPerson = {
  label: string;
  email: string;
  /** Their department when it has at least the minimum group of people, else null. */
  department: string | null;
};

export type PersonMask = {
  /** The pseudonymised person with this email (any case), or null: not a person, or one shown by name. */
  byEmail: (email: string) => MaskedPerson | null;
  /** The pseudonymised person with exactly this name, or null. */
  byName: (name: string) => MaskedPerson | null;
};

/** Fields of a person's row that would single them out beside a pseudonym. */
const DETAIL_FIELDS = new Set(['location', 'startDate', 'endDate']);
const DETAIL_COLUMNS = new Set(['location', 'start date', 'end date', 'start', 'end']);
/** An email anywhere in text; the same shape the contract's emails have. */
const EMAIL_IN_TEXT = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** A string as a pseudonymising viewer sees it: an email or name of its own, or emails inside text, replaced. */
export function maskText(mask: PersonMask, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return text;
  const whole = mask.byEmail(trimmed) ?? null;
  if (whole) return whole.email;
  const named = mask.byName(trimmed);
  if (named) return named.label;
  if (!text.includes('@')) return text;
  return text.replace(EMAIL_IN_TEXT, (email) => mask.byEmail(email)?.email ?? email);
}

/** Any JSON value with every pseudonymised person's email and name replaced; the shape stays the same. */
export function maskValue(mask: PersonMask, value: unknown): unknown {
  if (typeof value === 'string') return maskText(mask, value);
  if (Array.isArray(value)) return value.map((item) => maskValue(mask, item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  // The person an object is about is the one its `email` names; shown by name, their name stays (even when someone
  // pseudonymised has the same name).
  const hasEmail = typeof record.email === 'string';
  const person = hasEmail ? mask.byEmail(record.email as string) : null;
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    if (hasEmail && !person && key === 'name') masked[key] = field;
    else if (person && key === 'name' && (typeof field === 'string' || field === null)) masked[key] = person.label;
    else if (person && key === 'department' && (typeof field === 'string' || field === null))
      masked[key] = person.department;
    else if (person && DETAIL_FIELDS.has(key)) masked[key] = null;
    else masked[key] = maskValue(mask, field);
  }
  return masked;
}

/** A CSV table with the same rule: a row whose email column names a pseudonymised person loses its details too. */
export function maskTable(
  mask: PersonMask,
  table: { header: string[]; rows: CsvCell[][] },
): { header: string[]; rows: CsvCell[][] } {
  const column = (name: string) => table.header.findIndex((heading) => heading.toLowerCase() === name);
  const emailColumn = column('email');
  const nameColumn = column('name');
  const departmentColumn = column('department');
  const details = table.header.flatMap((heading, index) => (DETAIL_COLUMNS.has(heading.toLowerCase()) ? [index] : []));
  const rows = table.rows.map((row) => {
    const email = emailColumn >= 0 ? row[emailColumn] : null;
    const person = typeof email === 'string' ? mask.byEmail(email) : null;
    return row.map((cell, index) => {
      if (!person && typeof email === 'string' && index === nameColumn) return cell;
      if (person && index === nameColumn) return person.label;
      if (person && index === departmentColumn) return person.department;
      if (person && details.includes(index)) return null;
      return typeof cell === 'string' ? maskText(mask, cell) : cell;
    });
  });
  return { header: table.header, rows };
}
