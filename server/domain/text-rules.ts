// What text a person may store (DESIGN section 3, input hygiene): no control characters and no bidirectional
// overrides, which cut or reverse text differently on every surface; names at most 200 characters, notes 5000.

export const NAME_MAX = 200;
export const NOTE_MAX = 5000;

export type TextKind = 'one_line' | 'multi_line';

// U+0000-U+001F and U+007F are controls; U+202A-U+202E and U+2066-U+2069 override or isolate text direction.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's job.
const ONE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/u;
// Multi-line text may hold tabs and line breaks (CR, LF), nothing else of the above.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's job.
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the text may not be stored, in words for an error message, or null when it may. */
export function textProblem(
  value: string,
  kind: TextKind,
  max: number = kind === 'one_line' ? NAME_MAX : NOTE_MAX,
): string | null {
  const found = value.match(kind === 'one_line' ? ONE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN);
  if (found) {
    const what = /[\u202A-\u202E\u2066-\u2069]/u.test(found[0])
      ? 'a text-direction override'
      : kind === 'one_line' && /[\t\n\r]/.test(found[0])
        ? 'a tab or line break'
        : 'a control character';
    return `contains ${what} (${codePoint(found[0])}), which cannot be stored`;
  }
  // Counted in characters as a person sees them, not UTF-16 units.
  const length = [...value].length;
  if (length > max) return `is ${length} characters long; at most ${max} are allowed`;
  return null;
}
