// A plain text table for the terminal: numbers right-aligned, text left-aligned, two spaces between columns.

export type Cell = string | number | null;

const show = (cell: Cell) => (cell === null ? '–' : String(cell));

export function renderTable(header: readonly string[], rows: readonly Cell[][]): string {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => show(row[i] ?? null).length)));
  const numeric = header.map(
    (_, i) =>
      rows.length > 0 &&
      rows.every((row) => row[i] === null || typeof row[i] === 'number' || /^-?[\d.,]+%?$/.test(String(row[i]))),
  );
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, i) => (numeric[i] ? show(cell).padStart(widths[i]!) : show(cell).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
