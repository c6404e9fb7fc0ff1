// Admission in turn for a hot write route: at most `limit` requests are worked on at once, the rest wait (cheaply, as
// a promise) in arrival order. A burst of uploads then leaves the event loop only a few uploads' work ahead of any
// other request, so the dashboard's reads and /healthz do not queue behind the whole burst; the uploads still reach
// the write thread together often enough to share its commits.
import type { MiddlewareHandler } from 'hono';

export function admitInTurn(limit: number): MiddlewareHandler {
  let working = 0;
  const waiting: (() => void)[] = [];
  return async function admitInTurnMiddleware(_c, next) {
    if (working >= limit) await new Promise<void>((admitted) => waiting.push(admitted));
    else working += 1;
    try {
      await next();
    } finally {
      // The turn passes straight to the next in line, so `working` counts it without a gap a newcomer could take.
      const nextInLine = waiting.shift();
      if (nextInLine) nextInLine();
      else working -= 1;
    }
  };
}
