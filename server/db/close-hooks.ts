// Things that live as long as a database handle (its worker threads): stopped when the handle is closed, whoever
// closes it (the server at shutdown, a CLI command, a test).
import type { Db } from './client.ts';

const hooks = new WeakMap<Db, (() => void)[]>();

export function whenClosed(db: Db, stop: () => void): void {
  const list = hooks.get(db);
  if (list) {
    list.push(stop);
    return;
  }
  const stops = [stop];
  hooks.set(db, stops);
  const close = db.$client.close.bind(db.$client);
  db.$client.close = () => {
    for (const each of stops.splice(0)) each();
    close();
  };
}
