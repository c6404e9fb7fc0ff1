// Command-line arguments: flags by name, checked, with errors that say which flag and why.
import { parseArgs } from 'node:util';
import { Conflict, Invalid } from '../errors.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses the flags of one command; unknown flags and stray words are usage errors. */
export function readFlags<T extends FlagSpec>(argv: string[], spec: T, positionals = 0) {
  try {
    const parsed = parseArgs({ args: argv, options: spec, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length > positionals)
      throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error),
    );
  }
}

/** The value of a flag that must be given. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

/**
 * Runs `work`, turning a refusal of what was asked (Invalid, Conflict) into a UsageError, so the command exits 2 with
 * the reason and its usage as for a bad flag. The reason loses its final period: the usage line adds one.
 */
export async function refusedAsUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Invalid || error instanceof Conflict) throw new UsageError(error.message.replace(/\.$/, ''));
    throw error;
  }
}
