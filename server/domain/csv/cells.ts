// Reading single cells of an export: yes/no flags and email addresses.

const TRUE = new Set(['1', 'true', 'yes', 'y', 't', 'x', 'on', 'enabled', 'active']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f', 'off', 'disabled', 'inactive']);

/** true / false for a flag cell, null when it says neither (empty or other text). */
export function readFlag(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

const EMAIL = /^[^\s@"'<>(),;]+@[^\s@"'<>(),;]+\.[^\s@"'<>(),;]+$/;

/** An address as mail systems take it: one @, a dot in the domain, and at most 254 characters (RFC 5321). */
export const looksLikeEmail = (value: string) => value.trim().length <= 254 && EMAIL.test(value.trim());

/** The first column whose non-empty values (a sample of the first 50) are nearly all email addresses, or -1. */
export function findEmailLikeColumn(rows: readonly { cells: string[] }[], columns: number): number {
  for (let column = 0; column < columns; column += 1) {
    const sample = rows
      .slice(0, 200)
      .map((r) => r.cells[column]!.trim())
      .filter((v) => v !== '')
      .slice(0, 50);
    if (sample.length > 0 && sample.filter(looksLikeEmail).length >= sample.length * 0.9) return column;
  }
  return -1;
}
