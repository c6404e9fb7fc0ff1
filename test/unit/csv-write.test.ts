// CSV out: quoting, formula-injection guard, BOM and CRLF, and what it writes reads back the same.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import { type CsvCell, toCsv } from '../../server/domain/csv-write.ts';

const body = (cells: CsvCell[]) => toCsv(['a'], [cells]).slice(1).split('\r\n')[1];

describe('writing CSV', () => {
  it.each<[CsvCell, string]>([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-cmd', "'-cmd"],
    ['-12.50', '-12.50'],
    ['-1+2', "'-1+2"],
    ['-2.5e3', "'-2.5e3"],
    ['+12', "'+12"],
    ['@import', "'@import"],
    ['\tx', "'\tx"],
    [-12.5, '-12.5'],
    [0, '0'],
    [null, ''],
    [true, 'true'],
    [Number.NaN, ''],
  ])('%j is written %j', (cell, text) => expect(body([cell])).toBe(text));

  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(['x', 'y'], [[1, 2]]);
    expect(csv.startsWith('\uFEFFx,y\r\n')).toBe(true);
    expect(csv.endsWith('1,2\r\n')).toBe(true);
  });

  it('reads back cell for cell (formulas keep their guard)', () => {
    const rows: CsvCell[][] = [
      ['Ada, Countess', 'line one\r\nline two', '"quoted"', 42],
      ['', '=1+1', 'Zoë 東京', -3],
    ];
    const parsed = parseCsv(toCsv(['name', 'note', 'quote', 'n'], rows));
    expect(parsed.header).toEqual(['name', 'note', 'quote', 'n']);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ['Ada, Countess', 'line one\r\nline two', '"quoted"', '42'],
      ['', "'=1+1", 'Zoë 東京', '-3'],
    ]);
  });
});
