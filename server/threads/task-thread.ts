// A worker thread that runs one kind of task (a TypeScript module under server/threads/) beside the event loop: each
// task is posted with an id and answered with its value or its error. The server's own errors (Invalid, Conflict,
// ...) cross the thread as name, code and message and are raised again as the same kind, so a route answers as if
// the task had run inline.
import { Worker } from 'node:worker_threads';
import { endedWithin, STOP_WAIT_MS } from '../db/close-hooks.ts';
import * as errors from '../errors.ts';

type Pending = { done: (value: unknown) => void; failed: (error: Error) => void };
export type ThreadError = { name: string; code?: string | undefined; message: string };
export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

const KINDS: Record<string, new (code: string, message: string) => errors.SeatwiseError> = {
  Invalid: errors.Invalid,
  NotFound: errors.NotFound,
  Conflict: errors.Conflict,
  Forbidden: errors.Forbidden,
  UpstreamFailed: errors.UpstreamFailed,
  Unavailable: errors.Unavailable,
};

/** What the worker posts for an error; the same kind is raised again on the main thread by `raisedAgain`. */
export function threadErrorOf(error: unknown): ThreadError {
  if (error instanceof errors.SeatwiseError) return { name: error.name, code: error.code, message: error.message };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

function raisedAgain(error: ThreadError): Error {
  const Kind = KINDS[error.name];
  return Kind && error.code ? new Kind(error.code, error.message) : new Error(error.message);
}

export class TaskThread<Input, Output> {
  readonly #worker: Worker;
  readonly #ended: Promise<void>;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #stopped: Error | null = null;
  /** Tasks the thread has answered (with a value or an error). */
  answered = 0;

  /** `entry`: the task module's URL; `data` reaches it as workerData. */
  constructor(entry: URL, data: Record<string, unknown>) {
    this.#worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { ...data, entry: entry.href },
    });
    this.#worker.unref();
    this.#ended = new Promise((ended) => this.#worker.once('exit', () => ended()));
    this.#worker.on('message', (reply: TaskReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      this.answered += 1;
      if (reply.ok) pending?.done(reply.value);
      else pending?.failed(raisedAgain(reply.error));
    });
    const stop = (error: Error) => {
      this.#stopped = error;
      for (const pending of this.#pending.values()) pending.failed(error);
      this.#pending.clear();
    };
    this.#worker.on('error', stop);
    this.#worker.on('exit', () => stop(new Error('the worker thread stopped')));
  }

  run(input: Input): Promise<Output> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#next++;
    return new Promise<Output>((done, failed) => {
      this.#pending.set(id, { done: done as (value: unknown) => void, failed });
      this.#worker.postMessage({ id, input });
    });
  }

  /** Asks the thread to close its connection and end (see serveTasks); resolves once it has. */
  stop(): Promise<void> {
    this.#worker.postMessage({ close: true });
    return endedWithin(this.#ended, STOP_WAIT_MS);
  }
}

/** The worker side: answers each posted task with `work`'s value or error. */
export function serveTasks<Input>(
  port: {
    on: (event: 'message', listener: (message: { id: number; input: Input; close?: boolean }) => void) => void;
  } & {
    postMessage: (reply: TaskReply) => void;
  },
  work: (input: Input) => Promise<unknown>,
  closeConnection: () => void,
): void {
  port.on('message', ({ id, input, close }: { id: number; input: Input; close?: boolean }) => {
    // The connection is closed here, then the thread ends by itself: terminating it from outside while libSQL's
    // native objects are alive can abort the whole process.
    if (close) {
      closeConnection();
      (port as unknown as { close: () => void }).close();
      return;
    }
    work(input).then(
      (value) => port.postMessage({ id, ok: true, value }),
      (error: unknown) => port.postMessage({ id, ok: false, error: threadErrorOf(error) }),
    );
  });
}
