// An import's file and its planning step: a file that cannot be read becomes Invalid invalid_csv with its row, and
// nothing is written.
import { CsvError } from '../domain/csv/errors.ts';
import { badRequest } from '../errors.ts';

/** An uploaded or read file as text, with the note to show when it was not UTF-8 and its name when it came with one. */
export type CsvFile = { text: string; encodingWarning: string | null; name?: string | null };

export async function planFromCsv<T>(plan: () => T | Promise<T>): Promise<T> {
  try {
    return await plan();
  } catch (error) {
    if (error instanceof CsvError) throw badRequest('invalid_csv', `${error.message}.`.replace(/\.\.$/, '.'));
    throw error;
  }
}
