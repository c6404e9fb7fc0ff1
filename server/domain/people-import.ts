// Plans an HR/directory import: finds the columns of the export, reads each person, and compares them with the
// people already known. Pure: the caller reads and writes the database.
import { looksLikeEmail } from './csv/cells.ts';
import { findColumn } from './csv/columns.ts';
import { parseDates } from './csv/dates.ts';
import { findEmailColumn } from './csv/email-column.ts';
import { CsvError } from './csv/errors.ts';
import type { ParsedCsv } from './csv/parse.ts';
import { checkRowCount } from './csv/row-limit.ts';
import { NAME_MAX, textProblem } from './text-rules.ts';

export type PeopleImportMode = 'merge' | 'replace';
export type PersonStatus = 'active' | 'left';

/** What Seatwise holds of a person besides the email. */
export type PersonFields = {
  name: string | null;
  department: string | null;
  location: string | null;
  managerEmail: string | null;
  status: PersonStatus;
  startDate: string | null;
  endDate: string | null;
};
export type ExistingPerson = PersonFields & { id: number; email: string };

export type PersonChange = {
  email: string;
  change: 'add' | 'update' | 'leave';
  before?: Partial<PersonFields>;
  after?: Partial<PersonFields>;
};

export type PeopleImportPlan = {
  rows: number;
  add: ({ email: string } & PersonFields)[];
  update: { id: number; email: string; before: PersonFields; after: PersonFields }[];
  /** Replace only: active people missing from the file, who become leavers. */
  missing: ExistingPerson[];
  /** Every email the file lists (added, updated or unchanged): the HR import vouches for each of them. */
  listed: string[];
  unchanged: number;
  /** People the import makes leavers (by the file's status or end date, or by missing from a replace). */
  leavers: number;
  skipped: { row: number; reason: string }[];
  warnings: string[];
  columns: { [K in ColumnName]: string | null } & { email: string };
};

const COLUMNS = {
  name: ['name', 'full name', 'display name', 'employee name', 'preferred name', 'legal name', 'person'],
  firstName: ['first name', 'given name', 'firstname', 'forename', 'preferred first name'],
  lastName: ['last name', 'surname', 'family name', 'lastname'],
  department: [
    'department',
    'dept',
    'department name',
    'team',
    'division',
    'business unit',
    'org unit',
    'organisation',
    'organization',
    'function',
  ],
  location: [
    'location',
    'cost centre',
    'cost center',
    'cost centre code',
    'cost center code',
    'office',
    'site',
    'work location',
    'office location',
    'city',
  ],
  manager: [
    'manager email',
    'manager e-mail',
    'manager work email',
    'line manager email',
    'supervisor email',
    'reports to email',
    'manager',
    'line manager',
    'reports to',
    'reporting to',
    'supervisor',
  ],
  status: [
    'status',
    'employment status',
    'employee status',
    'worker status',
    'hr status',
    'account status',
    'state',
    'active',
    'account enabled',
    'enabled',
  ],
  start: [
    'start date',
    'hire date',
    'date hired',
    'start',
    'joined',
    'join date',
    'date of joining',
    'employment start',
    'employment start date',
    'original hire date',
  ],
  end: [
    'end date',
    'termination date',
    'leave date',
    'leaving date',
    'last day',
    'last working day',
    'exit date',
    'departure date',
    'end',
    'employment end date',
  ],
} as const;
type ColumnName = 'name' | 'department' | 'location' | 'manager' | 'status' | 'start' | 'end';

// Built with RegExp from two strings so these long word lists stay within 120 columns.
const LEAVER = new RegExp(
  '\\b(left|leaver|terminated|termination|former|offboarded|resigned|retired|separated|withdrawn|deactivated|' +
    'suspended|inactive|dismissed|deleted|disabled|alumni?|ended|no|false|0)\\b',
);
const CURRENT = new RegExp(
  '\\b(active|employed|current|hired|onboarding|leave|on leave|leave of absence|parental leave|sabbatical|probation|' +
    'contractor|yes|true|1|pending start|new hire|enabled)\\b',
);

/** 'left' or 'active' for a status cell; null when the words are neither (the caller warns). */
export function readPersonStatus(value: string): PersonStatus | null {
  const v = value.trim().toLowerCase();
  if (v === '') return 'active';
  if (/\b(inactive|not active|not employed|no longer)\b/.test(v)) return 'left';
  if (LEAVER.test(v)) return 'left';
  if (CURRENT.test(v)) return 'active';
  return null;
}

/** Tabs and line breaks inside a one-line field become one space. */
const foldLineBreaks = (value: string) => value.replace(/\s*[\t\r\n]+\s*/g, ' ').trim();

const FIELD_KEYS = [
  'name',
  'department',
  'location',
  'managerEmail',
  'status',
  'startDate',
  'endDate',
] as const satisfies readonly (keyof PersonFields)[];
const COLUMN_OF_FIELD: Record<(typeof FIELD_KEYS)[number], ColumnName> = {
  name: 'name',
  department: 'department',
  location: 'location',
  managerEmail: 'manager',
  status: 'status',
  startDate: 'start',
  endDate: 'end',
};

export type PeoplePlanInput = {
  csv: ParsedCsv;
  existing: readonly ExistingPerson[];
  mode: PeopleImportMode;
  today: string;
};

export function planPeopleImport({ csv, existing, mode, today }: PeoplePlanInput): PeopleImportPlan {
  checkRowCount(csv);
  const { header, rows } = csv;
  const emailColumn = findEmailColumn(csv);
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [key, findColumn(header, names)]),
  ) as Record<keyof typeof COLUMNS, number>;
  if (index.manager === emailColumn) index.manager = -1;
  const cell = (cells: readonly string[], column: number) => (column === -1 ? '' : cells[column]!.trim());
  const dates = (column: number) =>
    column === -1
      ? null
      : parseDates(
          rows.map((r) => ({ row: r.row, value: r.cells[column]! })),
          header[column]!,
        );
  const starts = dates(index.start);
  const ends = dates(index.end);
  const warnings = [starts?.warning, ends?.warning].filter((w): w is string => !!w);
  const foldedRows: number[] = [];

  const managerValues =
    index.manager === -1 ? [] : rows.map((r) => cell(r.cells, index.manager)).filter((v) => v !== '');
  if (managerValues.length > 0 && managerValues.filter(looksLikeEmail).length < managerValues.length * 0.9) {
    warnings.push(
      `Column "${header[index.manager]}" holds names, not email addresses, so managers were not imported; ` +
        "export the manager's email.",
    );
    index.manager = -1;
  }
  const hasName = index.name !== -1 || index.firstName !== -1 || index.lastName !== -1;
  const present = new Set<ColumnName>(
    (['department', 'location', 'manager', 'status', 'start', 'end'] as const).filter((c) => index[c] !== -1),
  );
  if (hasName) present.add('name');

  const unknownStatuses = new Map<string, number>();
  const skipped: PeopleImportPlan['skipped'] = [];
  const inFile = new Map<string, { row: number; fields: PersonFields }>();
  rows.forEach((r, i) => {
    const email = cell(r.cells, emailColumn).toLowerCase();
    if (email === '') {
      skipped.push({ row: r.row, reason: 'no email' });
      return;
    }
    if (!looksLikeEmail(email))
      throw new CsvError(r.row, `"${r.cells[emailColumn]}" in column "${header[emailColumn]}" is not an email address`);
    const earlier = inFile.get(email);
    if (earlier) {
      skipped.push({ row: r.row, reason: `duplicate of row ${earlier.row}` });
      return;
    }
    const statusCell = cell(r.cells, index.status);
    let status = readPersonStatus(statusCell);
    if (status === null) {
      unknownStatuses.set(statusCell, unknownStatuses.get(statusCell) ?? r.row);
      status = 'active';
    }
    const endDate = ends?.days[i] ?? null;
    // The end date is the last day worked: from the day after, the person has left whatever the status says.
    if (endDate !== null && endDate < today) status = 'left';
    const manager = cell(r.cells, index.manager).toLowerCase();
    const rawName =
      index.name !== -1
        ? cell(r.cells, index.name)
        : [cell(r.cells, index.firstName), cell(r.cells, index.lastName)].filter(Boolean).join(' ');
    // Exports sometimes wrap a long department over two lines: as a one-line field that is a space.
    const [name, department, location] = [rawName, cell(r.cells, index.department), cell(r.cells, index.location)].map(
      foldLineBreaks,
    ) as [string, string, string];
    if (
      name !== rawName ||
      department !== cell(r.cells, index.department) ||
      location !== cell(r.cells, index.location)
    )
      foldedRows.push(r.row);
    for (const [what, value] of [
      ['name', name],
      ['department', department],
      ['location', location],
    ] as const) {
      const problem = textProblem(value, 'one_line', NAME_MAX);
      if (problem) throw new CsvError(r.row, `the ${what} ${problem}`);
    }
    inFile.set(email, {
      row: r.row,
      fields: {
        name: name || null,
        department: department || null,
        location: location || null,
        managerEmail: looksLikeEmail(manager) ? manager : null,
        status,
        startDate: starts?.days[i] ?? null,
        endDate,
      },
    });
  });
  if (foldedRows.length > 0) {
    warnings.push(
      'Line breaks in names, departments or locations were read as spaces ' +
        `(row${foldedRows.length === 1 ? '' : 's'} ${foldedRows.slice(0, 5).join(', ')}` +
        `${foldedRows.length > 5 ? ', …' : ''}).`,
    );
  }
  for (const [value, row] of unknownStatuses) {
    warnings.push(
      `Status "${value}" (first on row ${row}) is neither a current nor a leaver status; ` +
        'those people were taken as active.',
    );
  }

  const existingByEmail = new Map(existing.map((p) => [p.email, p]));
  const plan: PeopleImportPlan = {
    rows: rows.length,
    add: [],
    update: [],
    missing: [],
    listed: [...inFile.keys()],
    unchanged: 0,
    leavers: 0,
    skipped,
    warnings,
    columns: {
      email: header[emailColumn]!,
      name:
        index.name !== -1
          ? header[index.name]!
          : hasName
            ? [index.firstName, index.lastName]
                .filter((c) => c !== -1)
                .map((c) => header[c])
                .join(' + ')
            : null,
      department: index.department === -1 ? null : header[index.department]!,
      location: index.location === -1 ? null : header[index.location]!,
      manager: index.manager === -1 ? null : header[index.manager]!,
      status: index.status === -1 ? null : header[index.status]!,
      start: index.start === -1 ? null : header[index.start]!,
      end: index.end === -1 ? null : header[index.end]!,
    },
  };
  for (const [email, { fields }] of inFile) {
    const person = existingByEmail.get(email);
    if (!person) {
      plan.add.push({ email, ...fields });
      if (fields.status === 'left') plan.leavers += 1;
      continue;
    }
    // A column the file does not have keeps what Seatwise knew; being
    // in the file makes a person current unless it says otherwise.
    const before = pick(person);
    const after = { ...before };
    for (const key of FIELD_KEYS)
      if (key === 'status' || present.has(COLUMN_OF_FIELD[key])) (after as Record<string, unknown>)[key] = fields[key];
    if (FIELD_KEYS.every((key) => before[key] === after[key])) plan.unchanged += 1;
    else {
      plan.update.push({ id: person.id, email, before, after });
      if (before.status !== 'left' && after.status === 'left') plan.leavers += 1;
    }
  }
  if (mode === 'replace') {
    plan.missing = existing.filter((p) => p.status === 'active' && !inFile.has(p.email));
    plan.leavers += plan.missing.length;
  }
  return plan;
}

const pick = (p: PersonFields): PersonFields =>
  Object.fromEntries(FIELD_KEYS.map((key) => [key, p[key]])) as PersonFields;

export const MAX_PEOPLE_PREVIEW = 500;

/** The changes to review before applying: only the fields that change, at most MAX_PEOPLE_PREVIEW. */
export function previewPeopleChanges(plan: PeopleImportPlan): { changes: PersonChange[]; changesTruncated: boolean } {
  const changed = (before: PersonFields, after: PersonFields) => FIELD_KEYS.filter((key) => before[key] !== after[key]);
  const subset = (fields: PersonFields, keys: readonly (keyof PersonFields)[]) =>
    Object.fromEntries(keys.map((k) => [k, fields[k]])) as Partial<PersonFields>;
  const all: PersonChange[] = [
    ...plan.add.map(({ email, ...after }): PersonChange => ({ email, change: 'add', after })),
    ...plan.update.map(({ email, before, after }): PersonChange => {
      const keys = changed(before, after);
      return { email, change: 'update', before: subset(before, keys), after: subset(after, keys) };
    }),
    ...plan.missing.map(
      (p): PersonChange => ({
        email: p.email,
        change: 'leave',
        before: { status: 'active' },
        after: { status: 'left' },
      }),
    ),
  ];
  return { changes: all.slice(0, MAX_PEOPLE_PREVIEW), changesTruncated: all.length > MAX_PEOPLE_PREVIEW };
}
