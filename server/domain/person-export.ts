// Pure parts of a subject access export: whether a text names an email exactly, and the export as one CSV table.
import type { PersonExport } from '../contract.ts';
import type { CsvCell } from './csv-write.ts';

// Characters an address can hold around the @: one on either side of a match means a longer, different address.
const LOCAL_CHAR = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]/i;
const DOMAIN_CHAR = /[a-z0-9-]/i;

/** Whether `text` holds `email` as a whole address: `ada@example.com` is not in `lada@example.com` or `...com.au`. */
export function namesEmail(text: string, email: string): boolean {
  const haystack = text.toLowerCase();
  const needle = email.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? '';
    const after = haystack.slice(at + needle.length, at + needle.length + 2);
    const longerDomain = after[0] === '.' ? DOMAIN_CHAR.test(after[1] ?? '') : DOMAIN_CHAR.test(after[0] ?? '');
    if (!LOCAL_CHAR.test(before) && !longerDomain) return true;
  }
  return false;
}

/** Whether any string inside a stored value (JSON, free text) names the email. */
export function valueNamesEmail(value: unknown, email: string): boolean {
  if (value === null || value === undefined) return false;
  return namesEmail(typeof value === 'string' ? value : JSON.stringify(value), email);
}

/** The CSV's sections in order, each named as the `section` column says it. */
export const EXPORT_SECTIONS = [
  'person',
  'account',
  'device',
  'usage',
  'device_day',
  'seat',
  'reclaim',
  'reclaim_step',
  'connector_run',
  'delivery',
  'alert',
  'spend_line',
  'ownership',
  'sso_device_code',
  'audit',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

type Flat = Record<string, CsvCell>;

const cell = (value: unknown): CsvCell =>
  value === null || value === undefined
    ? null
    : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : JSON.stringify(value);

const flat = (record: object): Flat =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, cell(value)]));

/** Each section's records as flat rows; a reclaim's steps become rows of their own that name the reclaim. */
export function exportRecords(data: PersonExport): Record<ExportSection, Flat[]> {
  return {
    person: [flat(data.person)],
    account: data.account ? [flat(data.account)] : [],
    device: data.devices.map(flat),
    usage: data.usage.map(flat),
    device_day: data.deviceDays.map(flat),
    seat: data.seats.map(flat),
    reclaim: data.reclaims.map(({ steps: _steps, ...reclaim }) => flat(reclaim)),
    reclaim_step: data.reclaims.flatMap((r) => r.steps.map((step) => flat({ reclaimId: r.id, ...step }))),
    connector_run: data.connectorRuns.map(flat),
    delivery: data.deliveries.map(flat),
    alert: data.alerts.map(flat),
    spend_line: data.spendLines.map(flat),
    ownership: data.ownership.map(flat),
    sso_device_code: data.ssoDeviceCodes.map(flat),
    audit: data.audit.map(flat),
  };
}

/**
 * One table a spreadsheet opens: a `section` column, then every field any section has (in the order first seen), so
 * filtering on the section shows that section's records one per row; fields a section lacks are empty.
 */
export function exportTable(data: PersonExport): { header: string[]; rows: CsvCell[][] } {
  const records = exportRecords(data);
  const columns: string[] = [];
  for (const section of EXPORT_SECTIONS) {
    for (const record of records[section])
      for (const key of Object.keys(record)) columns.includes(key) || columns.push(key);
  }
  const rows = EXPORT_SECTIONS.flatMap((section) =>
    records[section].map((record) => [section, ...columns.map((key) => record[key] ?? null)]),
  );
  return { header: ['section', ...columns], rows };
}

/** A file name any browser and file system take: the person's id and the day, never their name or email. */
export const exportFileName = (personId: number, day: string, format: 'json' | 'csv') =>
  `seatwise-subject-access-${personId}-${day}.${format}`;
