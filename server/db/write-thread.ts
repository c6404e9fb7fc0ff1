// Runs write batches on a worker thread with its own connection to the database file (db/write-worker.mjs), so the
// SQL of a busy write path (usage ingest) no longer holds the event loop that answers every other request. Only for
// file databases: a remote libSQL server already does its work elsewhere, and its batches stay on the client.
import { Worker } from 'node:worker_threads';
import type { InStatement } from '@libsql/client';
import { BUSY_TIMEOUT_MS, type Db } from './client.ts';
import { endedWithin, STOP_WAIT_MS, whenClosed } from './close-hooks.ts';

/** What each statement of a write gave: the rows of one that returns rows, else how many rows it changed. */
export type WriteResult = { rows: Record<string, unknown>[] } | { changes: number };
type Pending = { done: (results: WriteResult[]) => void; failed: (error: Error) => void };

/** A write the thread could not do, with the database's error code (SQLITE_CONSTRAINT_FOREIGNKEY, ...). */
export class WriteThreadError extends Error {
  constructor(
    override name: string,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

class WriteThread {
  readonly #worker: Worker;
  readonly #ended: Promise<void>;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #stopped: Error | null = null;
  /** Writes that found the database locked by another connection and waited for it. */
  lockWaits = 0;

  constructor(path: string) {
    this.#worker = new Worker(new URL('./write-worker.mjs', import.meta.url), {
      workerData: { path, busyTimeoutMs: BUSY_TIMEOUT_MS },
    });
    // A server that forgot to close its database can still exit.
    this.#worker.unref();
    this.#ended = new Promise((ended) => this.#worker.once('exit', () => ended()));
    this.#worker.on('message', ({ id, ok, error, waiting, results }) => {
      if (waiting) {
        this.lockWaits += 1;
        return;
      }
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (ok) pending?.done(results);
      else pending?.failed(new WriteThreadError(error.name, error.message, error.code));
    });
    const stop = (error: Error) => {
      this.#stopped = error;
      for (const pending of this.#pending.values()) pending.failed(error);
      this.#pending.clear();
    };
    this.#worker.on('error', stop);
    this.#worker.on('exit', () => stop(new Error('the database write thread stopped')));
  }

  /** Runs the statements in one write transaction on the thread: all of them or none. */
  write(statements: InStatement[]): Promise<WriteResult[]> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#next++;
    return new Promise((done, failed) => {
      this.#pending.set(id, { done, failed });
      this.#worker.postMessage({ id, statements });
    });
  }

  /** Asks the thread to close its connection and end (see write-worker.mjs); resolves once it has. */
  stop(): Promise<void> {
    this.#worker.postMessage({ close: true });
    return endedWithin(this.#ended, STOP_WAIT_MS);
  }
}

const threads = new WeakMap<Db, WriteThread | null>();

/**
 * The database's write thread, started at first use and stopped when the database is closed; null for a database
 * that is not a file (or in memory), whose writes stay on the client.
 */
export function writeThreadOf(db: Db): WriteThread | null {
  if (threads.has(db)) return threads.get(db)!;
  const thread = db.$file ? new WriteThread(db.$file) : null;
  threads.set(db, thread);
  if (thread) whenClosed(db, () => thread.stop());
  return thread;
}
