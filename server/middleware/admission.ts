// Admission in turn for a hot write route: at most `limit` requests are worked on at once, the rest wait (cheaply, as
// a promise) in arrival order. A burst of uploads then leaves the event loop only a few uploads' work ahead of any
// other request, so the dashboard's reads and /healthz do not queue behind the whole burst. A handler whose work is
// done but whose answer waits elsewhere (an upload waiting for its group's commit on the write thread) ends its turn
// early with `endTurn`, so the uploads waiting for one commit are not limited to the number of turns.
import type { MiddlewareHandler } from 'hono';

export type TurnVariables = { endTurn: () => void };

export function admitInTurn(limit: number): MiddlewareHandler<{ Variables: TurnVariables }> {
  let working = 0;
  const waiting: (() => void)[] = [];
  return async function admitInTurnMiddleware(c, next) {
    if (working >= limit) await new Promise<void>((admitted) => waiting.push(admitted));
    else working += 1;
    let ended = false;
    const endTurn = () => {
      if (ended) return;
      ended = true;
      // The turn passes straight to the next in line, so `working` counts it without a gap a newcomer could take.
      const nextInLine = waiting.shift();
      if (nextInLine) nextInLine();
      else working -= 1;
    };
    c.set('endTurn', endTurn);
    try {
      await next();
    } finally {
      endTurn();
    }
  };
}
