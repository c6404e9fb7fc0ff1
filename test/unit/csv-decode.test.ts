import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../server/domain/csv/decode.ts';

const CSV = 'email,name\r\nzoe@example.com,Zoë Müller-Šťastná\r\n';
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(utf16le(text)).swap16();
/** What Excel's "CSV" writes on a Western European Windows: one byte a character. */
const cp1252 = (text: string) =>
  Buffer.from([...text].map((ch) => ({ ë: 0xeb, ü: 0xfc, '€': 0x80, é: 0xe9 })[ch] ?? ch.charCodeAt(0)));

describe('reading an uploaded file’s bytes as text', () => {
  it.each([
    ['UTF-8', Buffer.from(CSV), CSV, 'utf-8', false],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), CSV, 'utf-8', false],
    [
      'UTF-16 LE with a BOM (Excel "Unicode text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(CSV)]),
      CSV,
      'utf-16le',
      true,
    ],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CSV)]), CSV, 'utf-16be', true],
    ['UTF-16 LE without a BOM', utf16le(CSV), CSV, 'utf-16le', true],
    [
      'Windows-1252 (Excel "CSV")',
      cp1252('email,name\r\nzoe@example.com,Zoë Müller, café €5\r\n'),
      'email,name\r\nzoe@example.com,Zoë Müller, café €5\r\n',
      'windows-1252',
      true,
    ],
  ])('%s', (_name, bytes, text, encoding, warns) => {
    const decoded = decodeCsvBytes(new Uint8Array(bytes));
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.warning !== null).toBe(warns);
    if (warns) expect(decoded.warning).toMatch(/UTF-16|Windows-1252/);
  });

  it('reads an empty file as empty UTF-8', () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', warning: null });
  });
});
