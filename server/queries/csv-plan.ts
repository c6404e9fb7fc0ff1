// Runs an import's planning step: a file that cannot be read becomes 400 invalid_csv with its row; nothing is written.
import { CsvError } from '../domain/csv/errors.ts';
import { badRequest } from '../errors.ts';

export async function planFromCsv<T>(plan: () => T | Promise<T>): Promise<T> {
  try {
    return await plan();
  } catch (error) {
    if (error instanceof CsvError) throw badRequest('invalid_csv', `${error.message}.`.replace(/\.\.$/, '.'));
    throw error;
  }
}
