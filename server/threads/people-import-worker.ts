// The import thread: runs HR imports (read everyone, parse, plan, write) on its own connection to the database
// file, so a 50,000-row file does not hold the event loop that answers every other request. It runs at a lower CPU
// priority (threads/background-priority.mjs), so it does not take a core from that event loop either.
import { parentPort, workerData } from 'node:worker_threads';
import { openThreadConnection } from '../db/thread-connection.ts';
import { type PeopleImportInput, planAndApplyPeopleImport } from '../services/people-import-apply.ts';
import { serveTasks } from './task-thread.ts';

const db = await openThreadConnection((workerData as { path: string }).path);
serveTasks<PeopleImportInput>(
  parentPort!,
  (input) => planAndApplyPeopleImport(db, input),
  () => db.$client.close(),
);
