// The email column of an export: found by header name, else by its values; every import keys on it.
import { findEmailLikeColumn } from './cells.ts';
import { findColumn } from './columns.ts';
import { CsvError } from './errors.ts';
import type { ParsedCsv } from './parse.ts';

const EMAIL_COLUMNS = [
  'email',
  'email address',
  'e-mail',
  'e-mail address',
  'user email',
  'work email',
  'primary email',
  'mail',
  'login email',
  'user principal name',
  'upn',
  'email id',
  'business email',
  'work email address',
];

/** The index of the email column; a file without one is rejected naming the headers it has. */
export function findEmailColumn({ header, rows }: ParsedCsv): number {
  let column = findColumn(header, EMAIL_COLUMNS);
  if (column === -1) column = findEmailLikeColumn(rows, header.length);
  if (column === -1) {
    throw new CsvError(
      1,
      `no email column: the header has ${header.map((h) => `"${h}"`).join(', ')}; ` +
        'name the column "email" or export with email addresses',
    );
  }
  return column;
}
