// Writes that must land together: drizzle builds each statement (typed by the schema), libSQL runs them in one batch.
import type { InArgs, InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { type WriteResult, writeThreadOf } from '../db/write-thread.ts';

/** A drizzle query as a libSQL statement, so several can join one atomic batch with statements made elsewhere. */
export function statementOf(query: { toSQL: () => { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InArgs };
}

/** Runs the statements in one write transaction: all of them or none. */
export async function writeAtomically(db: Db, statements: InStatement[]) {
  return statements.length === 0 ? [] : db.$client.batch(statements, 'write');
}

/**
 * As writeAtomically, but on the database's write thread when it has one (a file database), so the SQL runs beside
 * the event loop instead of on it. For hot write paths: per statement, the rows it returned or how many it changed.
 */
export async function writeAtomicallyOffThread(db: Db, statements: InStatement[]): Promise<WriteResult[]> {
  if (statements.length === 0) return [];
  const thread = writeThreadOf(db);
  if (thread) return thread.write(statements);
  const results = await db.$client.batch(statements, 'write');
  return results.map((result) =>
    result.columns.length > 0 ? { rows: result.rows.map((row) => ({ ...row })) } : { changes: result.rowsAffected },
  );
}

/**
 * One statement on the database's write thread (inline for a database that is not a file), with the rows it returns
 * (`returning`): for the small writes the event loop would otherwise make itself while another connection holds the
 * lock, such as job leases and token stamps.
 */
export async function writeOneOffThread(db: Db, statement: InStatement): Promise<Record<string, unknown>[]> {
  const thread = writeThreadOf(db);
  if (!thread) return (await db.$client.execute(statement)).rows.map((row) => ({ ...row }));
  const [result] = await thread.write([statement]);
  return result && 'rows' in result ? result.rows : [];
}

/** One statement on the write thread (inline without one), with how many rows it changed: for batched deletes. */
export async function changesOffThread(db: Db, statement: InStatement): Promise<number> {
  const thread = writeThreadOf(db);
  if (!thread) return (await db.$client.execute(statement)).rowsAffected;
  const [result] = await thread.write([statement]);
  return result && 'changes' in result ? result.changes : 0;
}
