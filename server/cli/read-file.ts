// Reads the CSV file a command names, in whatever encoding a spreadsheet saved it, with a clear error when it is
// missing or not a file.
import { readFile } from 'node:fs/promises';
import { type DecodedFile, decodeCsvBytes } from '../domain/csv/decode.ts';
import { UsageError } from './args.ts';

export async function readCsvFile(path: string): Promise<DecodedFile> {
  try {
    return decodeCsvBytes(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a directory, not a CSV file`);
    if (code === 'EACCES') throw new UsageError(`${path}: permission denied`);
    throw error;
  }
}
