// Group commit for usage uploads: uploads that arrive while a write is running are committed together in the next
// transaction, so a busy server pays one transaction for many uploads instead of one each. Every upload is answered
// only after the transaction holding it committed. A failed group is retried one upload at a time, so one bad upload
// (its device deleted a moment ago) fails alone and the others still land.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import { writeAtomically } from '../queries/statements.ts';

/** Uploads per transaction at most: a bigger group would hold the event loop (and every other request) longer. */
export const MAX_GROUP_UPLOADS = 32;

type Waiting = { statements: InStatement[]; committed: () => void; failed: (error: unknown) => void };
type Committer = { waiting: Waiting[]; writing: boolean };

const committers = new WeakMap<Db, Committer>();

/** Resolves once the statements are committed (with other uploads' or alone); rejects if they were not. */
export function commitUpload(db: Db, statements: InStatement[]): Promise<void> {
  let committer = committers.get(db);
  if (!committer) {
    committer = { waiting: [], writing: false };
    committers.set(db, committer);
  }
  const queued = new Promise<void>((committed, failed) => committer.waiting.push({ statements, committed, failed }));
  if (!committer.writing) void drain(db, committer);
  return queued;
}

async function drain(db: Db, committer: Committer): Promise<void> {
  committer.writing = true;
  try {
    // Let the uploads already parsed in this turn of the event loop join the first group.
    await new Promise((next) => setImmediate(next));
    while (committer.waiting.length > 0) {
      const group = committer.waiting.splice(0, MAX_GROUP_UPLOADS);
      await commitGroup(db, group);
    }
  } finally {
    committer.writing = false;
  }
}

async function commitGroup(db: Db, group: Waiting[]): Promise<void> {
  try {
    await writeAtomically(
      db,
      group.flatMap((upload) => upload.statements),
    );
    for (const upload of group) upload.committed();
    return;
  } catch (error) {
    if (group.length === 1) {
      group[0]!.failed(error);
      return;
    }
  }
  for (const upload of group) {
    try {
      await writeAtomically(db, upload.statements);
      upload.committed();
    } catch (error) {
      upload.failed(error);
    }
  }
}
