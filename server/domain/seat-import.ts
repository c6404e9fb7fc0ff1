// Plans a vendor seat-list import: finds the columns of the export, decides per row (import or skip, and why)
// and compares the result with the seats the subscription has. Pure: the caller reads and writes the database.

import { looksLikeEmail, readFlag } from './csv/cells.ts';
import { findColumn, normaliseHeader } from './csv/columns.ts';
import { parseDates } from './csv/dates.ts';
import { findEmailColumn } from './csv/email-column.ts';
import { CsvError } from './csv/errors.ts';
import type { ParsedCsv } from './csv/parse.ts';
import { checkRowCount } from './csv/row-limit.ts';

export type ImportMode = 'merge' | 'replace';
export type ExistingSeat = { seatId: number; email: string; vendorLastActiveDay: string | null };
export type SkippedRow = { row: number; reason: string };
export type SeatChange = {
  email: string;
  change: 'add' | 'update' | 'remove';
  before?: { vendorLastActiveAt: string | null };
  after?: { vendorLastActiveAt: string | null; assignedAt?: string; newPerson?: boolean };
};

export type SeatImportPlan = {
  rows: number;
  add: { email: string; assignedAt: string; vendorLastActiveDay: string | null }[];
  update: { seatId: number; email: string; vendorLastActiveDay: string | null; before: string | null }[];
  remove: ExistingSeat[];
  unchanged: number;
  skipped: SkippedRow[];
  warnings: string[];
  columns: { email: string; lastActive: string | null; status: string[]; assigned: string | null };
};

const LAST_ACTIVE_COLUMNS = [
  'last active',
  'last seen',
  'last login',
  'last sign in',
  'last signin',
  'last activity',
  'last activity date',
  'last login time',
  'last login date',
  'date last active',
  'last accessed',
  'last used',
  'last active at',
  'last seen at',
  'last login at',
  'last sign in date',
  'last activity date utc',
  'last active date',
];
const LAST_ACTIVE_PREFIXES = [
  'last active',
  'last seen',
  'last login',
  'last sign in',
  'last signin',
  'last activity',
  'last accessed',
  'last used',
];
const ASSIGNED_COLUMNS = [
  'added to org',
  'date added',
  'added',
  'created',
  'created at',
  'created date',
  'joined',
  'member since',
  'assigned',
  'assigned at',
  'license assigned',
  'invited at',
];

/** Columns that say whether an account counts, each read by one rule. */
const STATUS_COLUMNS = {
  state: ['status', 'account status', 'user status', 'state', 'member status', 'employment status'],
  kind: [
    'account type',
    'user type',
    'type',
    'role',
    'org role',
    'seat type',
    'membership type',
    'license type',
    'profile',
  ],
  billable: ['billing active', 'billing-active', 'billable', 'is billable', 'paid', 'billed'],
  deactivated: [
    'deactivated',
    'is deactivated',
    'suspended',
    'is suspended',
    'block credential',
    'blocked',
    'disabled',
    'is disabled',
  ],
  active: ['active', 'is active', 'enabled', 'account enabled', 'is enabled'],
  bot: ['is bot', 'bot', 'is app user', 'is integration'],
  licences: ['licenses', 'licences', 'assigned licenses', 'assigned products'],
};

const DEACTIVATED =
  /\b(deactivated|deleted|disabled|suspended|inactive|removed|archived|blocked|deprovisioned|revoked)\b/;
const BOT = /\b(bot|bots|integration|service account|workflow|app user)\b/;
const FREE_GUEST = /\b(single[- ]channel guest|free guest|guest \(free\))\b/;
const GUEST = /\bguest\b/;
const FREE_KIND = /^(basic|free|free user)$/;
const MULTI_CHANNEL_GUEST = /\bmulti[- ]channel guest\b/;
const UNLICENSED = /^(|unlicen[sc]ed|none|no licen[sc]e|-)$/;

type Columns = { [K in keyof typeof STATUS_COLUMNS]: number };

function findLastActive(header: readonly string[]): number {
  const exact = findColumn(header, LAST_ACTIVE_COLUMNS);
  if (exact !== -1) return exact;
  return header.findIndex((name) => LAST_ACTIVE_PREFIXES.some((prefix) => normaliseHeader(name).startsWith(prefix)));
}

/** Why a row does not count as a paid seat, or null when it does. */
function skipReason(cells: readonly string[], columns: Columns): string | null {
  const cell = (index: number) => (index === -1 ? '' : cells[index]!.trim().toLowerCase());
  const state = cell(columns.state);
  const kind = cell(columns.kind);
  if (
    DEACTIVATED.test(state) ||
    readFlag(cell(columns.deactivated)) === true ||
    readFlag(cell(columns.active)) === false
  ) {
    return 'deactivated account';
  }
  if (BOT.test(state) || BOT.test(kind) || readFlag(cell(columns.bot)) === true) return 'bot or integration';
  const billable = readFlag(cell(columns.billable));
  const guest =
    FREE_GUEST.test(state) ||
    FREE_GUEST.test(kind) ||
    ((GUEST.test(state) || GUEST.test(kind)) && !MULTI_CHANNEL_GUEST.test(`${state} ${kind}`));
  if (guest && billable !== true) return 'guest (free)';
  if (FREE_KIND.test(kind) && billable !== true) return 'free account';
  if (billable === false) return 'not billable';
  if (columns.licences !== -1 && UNLICENSED.test(cell(columns.licences))) return 'no licence assigned';
  return null;
}

export type PlanInput = {
  csv: ParsedCsv;
  existing: readonly ExistingSeat[];
  mode: ImportMode;
  /** The day new seats count as assigned when the file has no date-added column. */
  assignedAt: string;
  assignedAtGiven: boolean;
};

export function planSeatImport({ csv, existing, mode, assignedAt, assignedAtGiven }: PlanInput): SeatImportPlan {
  const { header, rows } = csv;
  checkRowCount(csv);
  const emailColumn = findEmailColumn(csv);
  const lastActiveColumn = findLastActive(header);
  const assignedColumn = findColumn(header, ASSIGNED_COLUMNS);
  const columns = Object.fromEntries(
    Object.entries(STATUS_COLUMNS).map(([key, names]) => [key, findColumn(header, names)]),
  ) as Columns;

  const dateColumn = (index: number) =>
    index === -1
      ? null
      : parseDates(
          rows.map((r) => ({ row: r.row, value: r.cells[index]! })),
          header[index]!,
        );
  const lastActive = dateColumn(lastActiveColumn);
  const assigned = dateColumn(assignedColumn);
  const warnings = [lastActive?.warning, assigned?.warning].filter((w): w is string => !!w);

  const skipped: SkippedRow[] = [];
  const kept = new Map<string, KeptSeat>();
  rows.forEach((r, index) => {
    const email = r.cells[emailColumn]!.trim().toLowerCase();
    if (email === '') {
      skipped.push({ row: r.row, reason: 'no email' });
      return;
    }
    if (!looksLikeEmail(email))
      throw new CsvError(r.row, `"${r.cells[emailColumn]}" in column "${header[emailColumn]}" is not an email address`);
    const reason = skipReason(r.cells, columns);
    if (reason) {
      skipped.push({ row: r.row, reason });
      return;
    }
    const earlier = kept.get(email);
    if (earlier) {
      skipped.push({ row: r.row, reason: `duplicate of row ${earlier.row}` });
      return;
    }
    kept.set(email, {
      row: r.row,
      vendorLastActiveDay: lastActive?.days[index] ?? null,
      assignedAt: assigned?.days[index] ?? assignedAt,
    });
  });
  if (assignedColumn === -1 && !assignedAtGiven && kept.size > 0) {
    warnings.push(
      `The file has no date-added column, so new seats count as assigned on ${assignedAt} ` +
        'and people without use are in grace for the activity window; ' +
        'set the day they were assigned (assignedAt) to date them earlier.',
    );
  }

  return compareWithSeats({
    rows: rows.length,
    kept,
    existing,
    mode,
    skipped,
    warnings,
    comparesLastActive: lastActiveColumn !== -1,
    columns: {
      email: header[emailColumn]!,
      lastActive: lastActiveColumn === -1 ? null : header[lastActiveColumn]!,
      status: Object.values(columns)
        .filter((i) => i !== -1)
        .map((i) => header[i]!),
      assigned: assignedColumn === -1 ? null : header[assignedColumn]!,
    },
  });
}

export type KeptSeat = { row: number; vendorLastActiveDay: string | null; assignedAt: string };

/**
 * The seat list a source decided on (`kept`, by lower-cased email), against the stored seats: what to add, update and
 * (replace) remove. Shared by the CSV import and the SCIM connector, so both plan a seat list the same way.
 */
export function compareWithSeats(input: {
  rows: number;
  kept: ReadonlyMap<string, KeptSeat>;
  existing: readonly ExistingSeat[];
  mode: ImportMode;
  skipped: SkippedRow[];
  warnings: string[];
  /** The source says when each account was last active: a changed day is an update. */
  comparesLastActive: boolean;
  columns: SeatImportPlan['columns'];
}): SeatImportPlan {
  const { kept, existing, mode } = input;
  const existingByEmail = new Map(existing.map((seat) => [seat.email, seat]));
  const plan: SeatImportPlan = {
    rows: input.rows,
    add: [],
    update: [],
    remove: [],
    unchanged: 0,
    skipped: input.skipped,
    warnings: input.warnings,
    columns: input.columns,
  };
  for (const [email, row] of kept) {
    const seat = existingByEmail.get(email);
    if (!seat) plan.add.push({ email, assignedAt: row.assignedAt, vendorLastActiveDay: row.vendorLastActiveDay });
    else if (input.comparesLastActive && seat.vendorLastActiveDay !== row.vendorLastActiveDay) {
      plan.update.push({
        seatId: seat.seatId,
        email,
        vendorLastActiveDay: row.vendorLastActiveDay,
        before: seat.vendorLastActiveDay,
      });
    } else plan.unchanged += 1;
  }
  if (mode === 'replace') plan.remove = existing.filter((seat) => !kept.has(seat.email));
  return plan;
}

export const MAX_PREVIEW_CHANGES = 500;

const SAMPLE = 3;

/**
 * The warning for added holders who are not in the people directory: the import creates them as active people with
 * no department, which is right for a new hire and wrong for a typo or an outside account. Null when there are none.
 */
export function newPeopleWarning(emails: readonly string[]): string | null {
  if (emails.length === 0) return null;
  const shown = emails.slice(0, SAMPLE).join(', ');
  const more = emails.length > SAMPLE ? ` and ${emails.length - SAMPLE} more` : '';
  const one = emails.length === 1;
  return (
    `${emails.length} email${one ? ' is' : 's are'} not in the people directory (${shown}${more}): ` +
    `importing adds them as ${one ? 'a new active person' : 'new active people'} ` +
    `without a department. Check for typos and outside accounts, or import the HR list first (People).`
  );
}

/**
 * The changes a person reviews before applying, capped at MAX_PREVIEW_CHANGES;
 * `newPeople` are added holders not yet in the directory.
 */
export function previewChanges(
  plan: SeatImportPlan,
  newPeople: ReadonlySet<string> = new Set(),
): { changes: SeatChange[]; changesTruncated: boolean } {
  const all: SeatChange[] = [
    ...plan.add.map(
      (a): SeatChange => ({
        email: a.email,
        change: 'add',
        after: {
          vendorLastActiveAt: a.vendorLastActiveDay,
          assignedAt: a.assignedAt,
          ...(newPeople.has(a.email) ? { newPerson: true } : {}),
        },
      }),
    ),
    ...plan.update.map(
      (u): SeatChange => ({
        email: u.email,
        change: 'update',
        before: { vendorLastActiveAt: u.before },
        after: { vendorLastActiveAt: u.vendorLastActiveDay },
      }),
    ),
    ...plan.remove.map(
      (r): SeatChange => ({ email: r.email, change: 'remove', before: { vendorLastActiveAt: r.vendorLastActiveDay } }),
    ),
  ];
  return { changes: all.slice(0, MAX_PREVIEW_CHANGES), changesTruncated: all.length > MAX_PREVIEW_CHANGES };
}
