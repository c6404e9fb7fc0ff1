// The outcome of an action a person took (saved, or why not), shown next to the control.
import { errorMessage } from './resource.svelte.ts';

export type Message = { error: boolean; text: string };

/** What to say when the work succeeded: a text, one made from its result, or nothing when the page shows it. */
export type Done<R> = string | ((result: R) => string) | null;

export class Feedback {
  message = $state<Message | null>(null);

  /** Runs the action; on success says `done` and calls `then` (reloads), on failure says why. */
  async run<R>(work: () => Promise<R>, done: Done<R>, then?: (result: R) => void): Promise<boolean> {
    this.message = null;
    let result: R;
    try {
      result = await work();
    } catch (e) {
      this.fail(errorMessage(e));
      return false;
    }
    if (done !== null) this.say(typeof done === 'string' ? done : done(result));
    then?.(result);
    return true;
  }

  /** Says an outcome worked out elsewhere (steps counted one by one, a form that saved itself). */
  say(text: string): void {
    this.message = { error: false, text };
  }

  /** Says why something did not work, in the page's own words. */
  fail(text: string): void {
    this.message = { error: true, text };
  }

  clear(): void {
    this.message = null;
  }
}
