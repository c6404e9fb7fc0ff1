// Many rows as ONE bound parameter: a JSON array that SQLite's json_each reads back as a table. A 50,000-row import
// is then one short statement, with no limit on bound values and nothing for drizzle to build per row (its insert
// builder takes about 0.3 ms a row).
import { type SQL, sql } from 'drizzle-orm';

type Cell = string | number | null;

/** `json_each(?)` over the rows; with `cell(i)` a statement reads the i-th value of the row as a column. */
export function jsonValues(rows: readonly (readonly Cell[])[]): SQL {
  return sql`json_each(${JSON.stringify(rows)})`;
}

/** The i-th value of the current json_each row (SQL null for JSON null). */
export const cell = (index: number): SQL => sql.raw(`json_extract(value, '$[${Math.trunc(index)}]')`);
