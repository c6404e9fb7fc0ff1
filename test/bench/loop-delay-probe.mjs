// Plain JavaScript: worker threads inherit the preload without the TypeScript loader.
// Preloaded into a bench server (`--import`): prints the main event loop's longest delay of every 100 ms on stdout,
// so a bench can tell how long the server itself held other requests up, apart from what a reader on the same two
// cores waits for a turn on a core.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const delays = monitorEventLoopDelay({ resolution: 5 });
  delays.enable();
  setInterval(() => {
    process.stdout.write(`[loop-delay] ${Date.now()} ${(delays.max / 1e6).toFixed(1)}\n`);
    delays.reset();
  }, 100).unref();
}
