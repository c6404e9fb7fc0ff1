// Group commit for usage uploads: uploads that arrive while a write is running are committed together in the next
// transaction, as three statements for the whole group, so a busy server pays one transaction and three statements
// for many uploads instead of for each. Every upload is answered only after the transaction holding it committed. A
// failed group is retried one upload at a time, so one bad upload (its device deleted a moment ago) fails alone and
// the others still land. The SQL runs on the database's write thread (db/write-thread.ts), so while a group commits
// the event loop parses the next uploads and answers other requests. The transaction writes only live devices'
// uploads (queries/usage.ts): an upload whose device was revoked or deleted since its token was checked is refused
// with invalid_device_token, and nothing of it is stored.
import type { Db } from '../db/client.ts';
import { writeAtomicallyOffThread } from '../queries/statements.ts';
import { liveDevicesOf, type StoredUpload, usageStatements } from '../queries/usage.ts';
import { deviceTokenRefused } from './principals.ts';

/**
 * Uploads per transaction at most. The write thread runs the SQL, so a bigger group holds no request up; while
 * another instance holds the lock, what arrives meanwhile commits together afterwards.
 */
export const MAX_GROUP_UPLOADS = 128;
/** Records per group at most, so a group's statement (6 values a row) stays below SQLite's 32,766 bound values. */
export const MAX_GROUP_RECORDS = 4_000;

type Waiting = { upload: StoredUpload; committed: () => void; failed: (error: unknown) => void };
type Committer = { waiting: Waiting[]; writing: boolean };

const committers = new WeakMap<Db, Committer>();

/** Resolves once the upload is committed (with other uploads or alone); rejects if it was not. */
export function commitUpload(db: Db, upload: StoredUpload): Promise<void> {
  let committer = committers.get(db);
  if (!committer) {
    committer = { waiting: [], writing: false };
    committers.set(db, committer);
  }
  const queued = new Promise<void>((committed, failed) => committer.waiting.push({ upload, committed, failed }));
  if (!committer.writing) void drain(db, committer);
  return queued;
}

/** The next group: at least one upload, then as many as fit both limits. */
function nextGroup(waiting: Waiting[]): Waiting[] {
  let records = waiting[0]!.upload.records.length;
  let size = 1;
  while (size < waiting.length && size < MAX_GROUP_UPLOADS) {
    records += waiting[size]!.upload.records.length;
    if (records > MAX_GROUP_RECORDS) break;
    size += 1;
  }
  return waiting.splice(0, size);
}

async function drain(db: Db, committer: Committer): Promise<void> {
  committer.writing = true;
  try {
    // Let the uploads already parsed in this turn of the event loop join the first group.
    await new Promise((next) => setImmediate(next));
    while (committer.waiting.length > 0) await commitGroup(db, nextGroup(committer.waiting));
  } finally {
    committer.writing = false;
  }
}

/** Answers each upload of a committed group: committed when its device was live, refused when it was not. */
function answer(group: Waiting[], live: Set<string>) {
  for (const waiting of group) {
    if (live.has(waiting.upload.deviceId)) waiting.committed();
    // Revoked or deleted after its token was checked.
    else waiting.failed(deviceTokenRefused());
  }
}

async function commitGroup(db: Db, group: Waiting[]): Promise<void> {
  try {
    const results = await writeAtomicallyOffThread(db, usageStatements(group.map((waiting) => waiting.upload)));
    answer(group, liveDevicesOf(results));
    return;
  } catch (error) {
    if (group.length === 1) {
      group[0]!.failed(error);
      return;
    }
  }
  for (const waiting of group) {
    try {
      const results = await writeAtomicallyOffThread(db, usageStatements([waiting.upload]));
      answer([waiting], liveDevicesOf(results));
    } catch (error) {
      waiting.failed(error);
    }
  }
}
