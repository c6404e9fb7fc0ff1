// A CSV file that cannot be imported, with the spreadsheet row (header = row 1) where the problem is.
export class CsvError extends Error {
  constructor(
    readonly row: number | null,
    detail: string,
  ) {
    super(row === null ? detail : `Row ${row}: ${detail}`);
    this.name = 'CsvError';
  }
}
