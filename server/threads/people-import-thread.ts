// The database's import thread (threads/people-import-worker.ts), started at the first large import and stopped when
// the database is closed; none for a database that is not a file, whose imports run inline.

import type { Db } from '../db/client.ts';
import { whenClosed } from '../db/close-hooks.ts';
import type { PeopleImportInput, PeopleImportOutcome } from '../services/people-import-apply.ts';
import { TaskThread } from './task-thread.ts';

const threads = new WeakMap<Db, TaskThread<PeopleImportInput, PeopleImportOutcome> | null>();

export function peopleImportThreadOf(db: Db): TaskThread<PeopleImportInput, PeopleImportOutcome> | null {
  if (threads.has(db)) return threads.get(db)!;
  const thread = db.$file
    ? new TaskThread<PeopleImportInput, PeopleImportOutcome>(new URL('./people-import-worker.ts', import.meta.url), {
        path: db.$file,
        // Imports may wait; requests may not (threads/background-priority.mjs).
        background: true,
      })
    : null;
  threads.set(db, thread);
  if (thread) whenClosed(db, () => thread.stop());
  return thread;
}
