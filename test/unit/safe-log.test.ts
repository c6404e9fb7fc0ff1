import { describe, expect, it } from 'vitest';
import { describeForLog, redactSecrets } from '../../server/safe-log.ts';

/** Shaped like drizzle's DrizzleQueryError: the message and a property both carry the parameters. */
class QueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    override readonly cause: unknown,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`);
    this.name = 'DrizzleQueryError';
  }
}

describe('errors as they may be logged', () => {
  it('a failed query names its SQL and the driver’s reason, never its parameters', () => {
    const error = new QueryError(
      'insert into settings (key, value) values (?, ?)',
      ['smtp', '{"password":"hunter2-hunter2"}'],
      new Error('SQLITE_FULL: database or disk is full'),
    );
    const line = describeForLog(error);
    expect(line).toContain('a database query failed: insert into settings (key, value) values (?, ?)');
    expect(line).toContain('caused by Error: SQLITE_FULL: database or disk is full');
    expect(line).not.toContain('hunter2');
    expect(line).toMatch(/\n {4}at /);
  });

  it.each([
    ['a bearer token', 'token swa_AbCdEfGhIjKlMnOpQrStUvWxYz0123 here', 'token [redacted] here'],
    ['a password hash', 'hash scrypt$16384$8$1$c2FsdA$aGFzaA in', 'hash [redacted] in'],
    ['a token hash', `h ${'ab'.repeat(32)}.`, 'h [redacted].'],
    ['a sealed secret', 'value sw1:AAAAAAAAAAAAAAAAAAAAAAAA_b-c end', 'value [redacted] end'],
    ['ordinary words', 'no SMTP server is configured', 'no SMTP server is configured'],
  ])('masks %s', (_name, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('describes what is not an Error', () => {
    expect(describeForLog('plain')).toBe('plain');
  });
});
