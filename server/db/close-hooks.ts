// Things that live as long as a database handle (its worker threads): stopped when the handle is closed, whoever
// closes it (the server at shutdown, a CLI command, a test). `closeDatabase` also waits until they have ended, so
// nothing holds the file any more (a test removing its directory, a backup copying it).
import type { Db } from './client.ts';

type Stop = () => Promise<void> | void;
const hooks = new WeakMap<Db, Stop[]>();
const endings = new WeakMap<Db, Promise<unknown>>();

export function whenClosed(db: Db, stop: Stop): void {
  const list = hooks.get(db);
  if (list) {
    list.push(stop);
    return;
  }
  const stops = [stop];
  hooks.set(db, stops);
  const close = db.$client.close.bind(db.$client);
  db.$client.close = () => {
    endings.set(db, Promise.all(stops.splice(0).map((each) => each())));
    close();
  };
}

/** Closes the database and resolves once its worker threads have closed their own connections and ended. */
export async function closeDatabase(db: Db): Promise<void> {
  db.$client.close();
  await endings.get(db);
}

/** How long closing waits for a thread to end by itself; one that hangs is left to end with the process. */
export const STOP_WAIT_MS = 5_000;

export function endedWithin(ended: Promise<void>, ms: number): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    void ended.then(() => {
      clearTimeout(timer);
      done();
    });
  });
}
