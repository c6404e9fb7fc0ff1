// Background threads (a large import) run at a lower CPU priority than the event loop that answers requests. On a
// small machine the import thread, the write thread and the event loop share two cores: at the same priority the
// event loop waited for a core for tens of milliseconds at a time during a 50,000-row import (most of it while the
// thread loaded its modules), though it had nothing to do but answer. Linux gives each thread its own nice value,
// and threads and processes the thread starts later (its module loader's) inherit it; elsewhere, or where it is
// refused, the thread keeps the normal priority. Plain JavaScript: it runs before the TypeScript loader is registered.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** A nice value of 10: the thread gets a core whenever the request threads leave one free. */
export const BACKGROUND_NICE = 10;

/** The calling thread's id on Linux (`/proc/thread-self` names it), or null elsewhere. */
export function threadId() {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/** Lowers the calling thread's priority (only this thread's); true when it took effect. */
export function runInBackground() {
  const id = threadId();
  if (id === null) return false;
  try {
    setPriority(id, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}
