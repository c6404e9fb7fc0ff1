// The database write thread (db/write-thread.ts starts it): owns one connection to the file and runs the batches the
// server's event loop sends, one at a time, each in its own write transaction. SQLite's work (the upsert, the rollup
// triggers, waiting for another instance's lock) happens here, on a core of its own, while the event loop keeps
// answering requests. The log's pages are copied back into the file by a thread of its own (db/checkpoint-worker.mjs).
// Plain JavaScript: a worker thread does not inherit the TypeScript loader in every runner.
import { once } from 'node:events';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'libsql';

// No busy timeout in SQLite: its handler sleeps longer and longer (up to 100 ms) while another instance holds the
// lock, which then sits free most of that time. The thread tries again every millisecond instead, up to a deadline.
const db = new Database(workerData.path, { timeout: 0 });
db.exec('PRAGMA synchronous=NORMAL');
db.exec('PRAGMA foreign_keys=ON');
// The checkpoint thread keeps the log short; this connection checkpoints by itself only past this bound (40 MB of
// 4 kB pages), should that thread fall behind or fail.
db.exec('PRAGMA wal_autocheckpoint=10000');
const checkpointer = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
  workerData: { path: workerData.path },
});
// Without it the log is still checkpointed here (above): its failure stops no write.
checkpointer.on('error', () => {});
const checkpointerEnded = once(checkpointer, 'exit');
const pause = new Int32Array(new SharedArrayBuffer(4));
const RETRY_EVERY_MS = 1;

// Statements prepared once and kept: a group's shape (its number of rows) repeats under steady load.
const prepared = new Map();
const PREPARED_KEPT = 256;
function statement(sql) {
  let found = prepared.get(sql);
  if (!found) {
    if (prepared.size >= PREPARED_KEPT) prepared.clear();
    found = db.prepare(sql);
    prepared.set(sql, found);
  }
  return found;
}

const isBusy = (error) => error?.code === 'SQLITE_BUSY' || /database is locked/.test(String(error?.message));

/** Starts the write transaction once no other connection holds the lock; tells the event loop it had to wait. */
function beginWhenFree(id) {
  const deadline = Date.now() + workerData.busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      if (attempt === 0) parentPort.postMessage({ id, waiting: true });
      // Nothing else runs on this thread: blocking it while the lock is taken holds no request up.
      Atomics.wait(pause, 0, 0, RETRY_EVERY_MS);
    }
  }
}

/** Runs the statements in one transaction; the rows of each statement that returns rows, else its change count. */
function write(id, statements) {
  beginWhenFree(id);
  try {
    const results = [];
    for (const { sql, args } of statements) {
      const prepared = statement(sql);
      results.push(
        prepared.reader ? { rows: prepared.all(args ?? []) } : { changes: prepared.run(args ?? []).changes },
      );
    }
    db.exec('COMMIT');
    return results;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Already rolled back by SQLite (a constraint ends some statements' transaction): nothing to undo.
    }
    throw error;
  }
}

let closing = false;
parentPort.on('message', ({ id, statements, close }) => {
  // Closed by the server: the connection goes first, then the thread ends by itself. Terminating it from outside
  // while libSQL's native objects are alive can abort the whole process (a panic in its Node binding).
  if (close) {
    closing = true;
    db.close();
    checkpointer.postMessage('close');
    void checkpointerEnded.then(() => parentPort.close());
    return;
  }
  if (closing) {
    parentPort.postMessage({ id, ok: false, error: { name: 'Error', message: 'the database write thread stopped' } });
    return;
  }
  try {
    const results = write(id, statements);
    parentPort.postMessage({ id, ok: true, results });
    checkpointer.postMessage('committed');
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: error?.name ?? 'Error', message: String(error?.message ?? error), code: error?.code },
    });
  }
});
