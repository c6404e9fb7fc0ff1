// The entry of every worker thread that runs the server's TypeScript: module hooks are per thread, so tsx is
// registered here before the module named in workerData.entry is loaded (as `node --import tsx` does for the main
// thread). A thread started with `background: true` lowers its CPU priority first, before loading anything.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { runInBackground } from './background-priority.mjs';

if (workerData.background) runInBackground();
register();
await import(workerData.entry);
