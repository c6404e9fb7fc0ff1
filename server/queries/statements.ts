// Writes that must land together: drizzle builds each statement (typed by the schema), libSQL runs them in one batch.
import type { InArgs, InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';

/** A drizzle query as a libSQL statement, so several can join one atomic batch with statements made elsewhere. */
export function statementOf(query: { toSQL: () => { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InArgs };
}

/** Runs the statements in one write transaction: all of them or none. */
export async function writeAtomically(db: Db, statements: InStatement[]) {
  return statements.length === 0 ? [] : db.$client.batch(statements, 'write');
}
