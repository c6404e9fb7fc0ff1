// The CSV reader against what admin consoles really export, and the errors a broken file gets.
import { describe, expect, it } from 'vitest';
import { findColumn } from '../../server/domain/csv/columns.ts';
import { CsvError } from '../../server/domain/csv/errors.ts';
import { parseCsv } from '../../server/domain/csv/parse.ts';

describe('parseCsv', () => {
  it.each<[string, string, string[], string[][]]>([
    ['plain commas', 'email,name\na@x.io,Ada\n', ['email', 'name'], [['a@x.io', 'Ada']]],
    ['CRLF and a BOM', '\uFEFFemail,name\r\na@x.io,Ada\r\n', ['email', 'name'], [['a@x.io', 'Ada']]],
    ['old Mac CR line ends', 'email,name\ra@x.io,Ada\r', ['email', 'name'], [['a@x.io', 'Ada']]],
    [
      'semicolons (European Excel)',
      'Email;Name\na@x.io;Lovelace, Ada\n',
      ['Email', 'Name'],
      [['a@x.io', 'Lovelace, Ada']],
    ],
    ['tabs', 'email\tname\na@x.io\tAda\n', ['email', 'name'], [['a@x.io', 'Ada']]],
    [
      'quoted separators, doubled quotes and a line break',
      'email,note\na@x.io,"says ""hi"", then\nleaves"\n',
      ['email', 'note'],
      [['a@x.io', 'says "hi", then\nleaves']],
    ],
    [
      'blank lines and spaces around unquoted fields',
      '\nemail , name\n\n a@x.io , Ada \n\n',
      ['email', 'name'],
      [['a@x.io', 'Ada']],
    ],
    [
      'a trailing separator and short rows',
      'email,name,\na@x.io,Ada,\nb@x.io\n',
      ['email', 'name', ''],
      [
        ['a@x.io', 'Ada', ''],
        ['b@x.io', '', ''],
      ],
    ],
    ['no final line break', 'email\na@x.io', ['email'], [['a@x.io']]],
    ['a quoted empty last field', 'email,name\na@x.io,""', ['email', 'name'], [['a@x.io', '']]],
  ])('%s', (_name, text, header, cells) => {
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual(header);
    expect(parsed.rows.map((r) => r.cells)).toEqual(cells);
  });

  it('numbers rows as a spreadsheet shows them: header row 1, a multi-line field one row, blank lines counted', () => {
    const parsed = parseCsv('email,note\na@x.io,"two\nlines"\n\nb@x.io,x\n');
    expect(parsed.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'a@x.io'],
      [4, 'b@x.io'],
    ]);
  });

  it.each<[string, string, RegExp]>([
    [
      'an unterminated quote',
      'email,note\na@x.io,ok\nb@x.io,"never closed\n',
      /^Row 3: a quoted field is never closed/,
    ],
    ['text after a closing quote', 'email,note\na@x.io,"ok"x\n', /^Row 2: text after a closing quote/],
    ['more fields than the header', 'email,name\na@x.io,Ada,Lovelace\n', /^Row 2: 3 fields but the header has 2/],
    ['an empty file', '\uFEFF\n\n', /empty/],
  ])('rejects %s with the row', (_name, text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it('reads 50,000 rows', () => {
    const text = [
      'email,last active',
      ...Array.from({ length: 50_000 }, (_, i) => `user${i}@x.io,2026-11-0${(i % 9) + 1}`),
    ].join('\r\n');
    const parsed = parseCsv(text);
    expect(parsed.rows).toHaveLength(50_000);
    expect(parsed.rows.at(-1)).toEqual({ row: 50_001, cells: ['user49999@x.io', '2026-11-05'] });
  });
});

describe('findColumn', () => {
  it.each<[string[], string[], number]>([
    [['User ID', 'E-Mail', 'Status'], ['email', 'e-mail'], 1],
    [['user_email', 'x'], ['User Email'], 0],
    [['Last Seen (UTC)', 'x'], ['last seen utc'], 0],
    [['name'], ['email'], -1],
  ])('finds %j among %j at %i', (header, names, index) => {
    expect(findColumn(header, names)).toBe(index);
  });
});
