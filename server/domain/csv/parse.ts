// RFC 4180 CSV as admin consoles export it: BOM, quoted fields with separators, quotes and line breaks,
// CRLF/LF/CR, `,` `;` or tab separators (detected from the header), blank lines skipped.
import { NOTE_MAX, textProblem } from '../text-rules.ts';
import { CsvError } from './errors.ts';

export type CsvRow = { row: number; cells: string[] };
export type ParsedCsv = { header: string[]; rows: CsvRow[]; separator: string };

const SEPARATORS = [',', ';', '\t'] as const;

/** The separator that occurs most often in the header line, outside quotes. */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/**
 * Splits the text into records of fields. `row` numbers records from 1 as a spreadsheet shows them: a field with
 * line breaks stays one row, a blank line is a row.
 */
function* records(text: string, separator: string): Generator<{ row: number; fields: string[] }> {
  let row = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let i = 0;
  const endField = () => {
    fields.push(fieldWasQuoted ? field : field.trim());
    field = '';
    fieldWasQuoted = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      fieldWasQuoted = true;
      field = '';
      i += 1;
      continue;
    }
    if (ch === separator) {
      endField();
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endField();
      yield { row, fields };
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      row += 1;
      continue;
    }
    if (fieldWasQuoted)
      throw new CsvError(
        row,
        `text after a closing quote (${JSON.stringify(ch)}); a quote inside a quoted field is written twice ("")`,
      );
    field += ch;
    i += 1;
  }
  if (quoted) throw new CsvError(row, 'a quoted field is never closed (a " is missing)');
  if (field !== '' || fieldWasQuoted || fields.length > 0) {
    endField();
    yield { row, fields };
  }
}

const isBlank = (fields: string[]) => fields.every((f) => f === '');

export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  for (const { row, fields } of records(text, separator)) {
    if (isBlank(fields)) continue;
    if (!header) {
      header = fields.map((name) => name.trim());
      const bad = header.map((name) => textProblem(name, 'one_line')).find((problem) => problem !== null);
      if (bad) throw new CsvError(row, `a column name ${bad}`);
      continue;
    }
    // Exports often end rows with a trailing separator: empty cells past the header are harmless.
    while (fields.length > header.length && fields.at(-1) === '') fields.pop();
    if (fields.length > header.length) {
      throw new CsvError(
        row,
        `${fields.length} fields but the header has ${header.length}; ` +
          `is a field with a "${separator}" missing its quotes?`,
      );
    }
    while (fields.length < header.length) fields.push('');
    // Every field of an imported file follows the rules of typed-in text: a quoted field may hold line breaks and
    // tabs, never other control characters or direction overrides, and no field is longer than a note.
    fields.forEach((value, column) => {
      const problem = textProblem(value, 'multi_line', NOTE_MAX);
      if (problem) throw new CsvError(row, `the value in column "${header![column]}" ${problem}`);
    });
    rows.push({ row, cells: fields });
  }
  if (!header) throw new CsvError(null, 'the file is empty: expected a header row and at least one data row');
  return { header, rows, separator };
}
