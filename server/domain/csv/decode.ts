// Turns an uploaded file's bytes into text: UTF-8 (with or without a BOM), UTF-16 as Excel's "Unicode text" saves
// it, or Windows-1252 as Excel saves "CSV" on Western European Windows, with a warning naming what was assumed.
// UTF-8 is checked with the platform's strict TextDecoder; the others are decoded by iconv-lite (Node's own
// TextDecoder reads 'windows-1252' as Latin-1 and loses €, “ ” and the like).
import iconv from 'iconv-lite';

export type DecodedFile = {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  warning: string | null;
};

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/** UTF-16 without a BOM: text of mostly ASCII has a zero byte in every other place. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  const half = sample.length / 2;
  if (oddZeros > half * 0.6 && evenZeros < half * 0.1) return 'utf-16le';
  if (evenZeros > half * 0.6 && oddZeros < half * 0.1) return 'utf-16be';
  return null;
}

const ICONV_NAME = { 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', 'windows-1252': 'win1252' } as const;
const decode = (bytes: Uint8Array, encoding: keyof typeof ICONV_NAME) =>
  iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAME[encoding], {
    stripBOM: false,
  });

export function decodeCsvBytes(input: ArrayBuffer | Uint8Array): DecodedFile {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (startsWith(bytes, [0xff, 0xfe]))
    return {
      text: decode(bytes.subarray(2), 'utf-16le'),
      encoding: 'utf-16le',
      warning: 'The file is UTF-16 (little-endian) text; it was read as such.',
    };
  if (startsWith(bytes, [0xfe, 0xff]))
    return {
      text: decode(bytes.subarray(2), 'utf-16be'),
      encoding: 'utf-16be',
      warning: 'The file is UTF-16 (big-endian) text; it was read as such.',
    };
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const sixteen = utf16Without(body);
  if (sixteen)
    return {
      text: decode(body, sixteen),
      encoding: sixteen,
      warning:
        `The file looks like UTF-16 (${sixteen === 'utf-16le' ? 'little' : 'big'}-endian) text ` +
        'without a byte order mark; it was read as such.',
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', warning: null };
  } catch {
    return {
      text: decode(body, 'windows-1252'),
      encoding: 'windows-1252',
      warning:
        'The file is not UTF-8; it was read as Windows-1252 (Western European), as Excel saves CSV files. ' +
        'Check that names with accents look right, or export the file as "CSV UTF-8".',
    };
  }
}

/** An import's reply with the encoding warning first, so a person checks the names before anything else. */
export function withEncodingWarning<Reply extends { warnings: string[] }>(reply: Reply, warning: string | null): Reply {
  return warning ? { ...reply, warnings: [warning, ...reply.warnings] } : reply;
}
