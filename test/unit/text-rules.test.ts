import { describe, expect, it } from 'vitest';
import { NAME_MAX, textProblem } from '../../server/domain/text-rules.ts';

describe('text a person may store', () => {
  it.each([
    ['a plain name', 'Zoë Müller-Lefèvre', 'one_line', null],
    ['emoji counted as one character each', '🙂'.repeat(NAME_MAX), 'one_line', null],
    ['a NUL', 'Slack\u0000 Enterprise', 'one_line', /control character \(U\+0000\)/],
    ['DEL', 'Slack\u007F', 'one_line', /control character \(U\+007F\)/],
    ['a right-to-left override', 'Invoice \u202Efdp.exe', 'one_line', /text-direction override \(U\+202E\)/],
    ['a first-strong isolate', 'a\u2068b', 'one_line', /text-direction override \(U\+2068\)/],
    ['a tab in a name', 'Sales\tEMEA', 'one_line', /tab or line break \(U\+0009\)/],
    ['a line break in a name', 'Sales\nEMEA', 'one_line', /tab or line break \(U\+000A\)/],
    ['a name one character too long', 'x'.repeat(NAME_MAX + 1), 'one_line', /201 characters long; at most 200/],
    ['tabs and line breaks in a note', 'line one\r\n\tline two', 'multi_line', null],
    ['a bell in a note', 'ding\u0007', 'multi_line', /control character \(U\+0007\)/],
    ['an override in a note', '\u202Dforced', 'multi_line', /text-direction override \(U\+202D\)/],
    ['a note over 5000 characters', 'n'.repeat(5001), 'multi_line', /at most 5000/],
    // Arabic and Hebrew text itself is fine: only the invisible override characters are refused.
    ['right-to-left text', 'שלום مرحبا', 'one_line', null],
  ] as const)('%s', (_name, value, kind, problem) => {
    const found = textProblem(value, kind);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
