// The database's checkpoint thread (db/write-worker.mjs starts it): copies the write-ahead log back into the database
// file with its own connection, so the write thread's commits no longer stop for that copy and its fsync. Under a
// fleet's uploads every commit dirties a few hundred pages, and SQLite's automatic checkpoint (every 1,000 pages, on
// the committing connection) took a third of the write thread's time. A passive checkpoint waits for nobody: what a
// reader still needs stays in the log until a later run. The write thread says when it committed; runs are at most
// one per CHECKPOINT_EVERY_MS, so a page written many times in that span is copied once.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { runInBackground } from '../threads/background-priority.mjs';

// Copying can wait for a free core; the event loop answering requests cannot (threads/background-priority.mjs).
runInBackground();

const CHECKPOINT_EVERY_MS = 250;
const db = new Database(workerData.path, { timeout: 0 });
db.exec('PRAGMA synchronous=NORMAL');

let lastRun = 0;
let due = null;

function checkpoint() {
  due = null;
  lastRun = Date.now();
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Locked for a moment (another instance checkpointing, a backup): the next commit asks again, and the write
    // connection still checkpoints by itself once the log passes its own, higher bound.
  }
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    if (due) clearTimeout(due);
    db.close();
    parentPort.close();
    return;
  }
  // 'committed'
  due ??= setTimeout(checkpoint, Math.max(0, lastRun + CHECKPOINT_EVERY_MS - Date.now()));
});
