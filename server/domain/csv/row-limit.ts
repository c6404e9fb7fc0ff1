// How many data rows one import takes: at least one, at most MAX_IMPORT_ROWS.
import { CsvError } from './errors.ts';
import type { ParsedCsv } from './parse.ts';

export const MAX_IMPORT_ROWS = 50_000;

export function checkRowCount({ rows }: ParsedCsv): void {
  if (rows.length === 0) throw new CsvError(null, 'the file has a header but no rows');
  if (rows.length > MAX_IMPORT_ROWS)
    throw new CsvError(
      null,
      `${rows.length.toLocaleString('en')} rows is more than the ` +
        `${MAX_IMPORT_ROWS.toLocaleString('en')} an import takes; split the file`,
    );
}
