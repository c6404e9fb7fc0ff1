// The outcome of an action a person took (saved, or why not), shown next to the control.
import { errorMessage } from './resource.svelte.ts';

export type Message = { error: boolean; text: string };

export class Feedback {
  message = $state<Message | null>(null);

  /** Runs the action; on success says `done` and calls `then` (reloads), on failure says why. */
  async run(work: () => Promise<unknown>, done: string, then?: () => void): Promise<boolean> {
    this.message = null;
    try {
      await work();
      this.message = { error: false, text: done };
      then?.();
      return true;
    } catch (e) {
      this.message = { error: true, text: errorMessage(e) };
      return false;
    }
  }
}
