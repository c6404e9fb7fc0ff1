// Reads an uploaded CSV: the body itself (text/csv or text/plain) or the `file` field of a multipart form.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { decodeCsvBytes } from '../domain/csv/decode.ts';
import { badRequest, TooLarge, UnsupportedMediaType } from '../errors.ts';
import type { CsvFile } from '../services/csv-plan.ts';

export const CSV_BODY_LIMIT = 20 * 1024 * 1024;

export const csvBodyLimit = (): MiddlewareHandler =>
  bodyLimit({
    maxSize: CSV_BODY_LIMIT,
    onError: () => {
      throw new TooLarge(
        'payload_too_large',
        `A CSV import may be at most ${CSV_BODY_LIMIT / 1024 / 1024} MB; split the file.`,
      );
    },
  });

const TEXT_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The uploaded file as text, whatever encoding a spreadsheet saved it in (UTF-8, UTF-16, Windows-1252). */
export async function readCsvBody(c: Context): Promise<CsvFile> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let bytes: ArrayBuffer;
  let name: string | null = null;
  if (TEXT_TYPES.includes(type)) {
    bytes = await c.req.arrayBuffer();
  } else if (type === 'multipart/form-data') {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw badRequest('invalid_csv', 'The form has no file in its "file" field.');
    bytes = await file.arrayBuffer();
    name = file.name || null;
  } else {
    throw new UnsupportedMediaType(
      'unsupported_media_type',
      'Send the CSV as text/csv, or as a multipart form with the file in the field "file".',
    );
  }
  const { text, warning } = decodeCsvBytes(bytes);
  if (text.trim() === '')
    throw badRequest('invalid_csv', 'The file is empty: expected a header row and at least one data row.');
  return { text, encodingWarning: warning, name };
}
