// Data a page loads from the API, with the states every page shows: loading, failed (with retry), loaded.
import { ApiError } from './api.ts';

export class Resource<T> {
  value = $state<T | undefined>(undefined);
  error = $state<string | null>(null);
  loading = $state(true);
  #load: () => Promise<T>;
  #generation = 0;

  constructor(load: () => Promise<T>) {
    this.#load = load;
    void this.reload();
  }

  /** Loads again; an answer that arrives after a newer reload started is dropped. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const value = await this.#load();
      if (generation === this.#generation) this.value = value;
    } catch (error) {
      if (generation === this.#generation)
        this.error = error instanceof ApiError ? error.message : 'This could not be loaded.';
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}

export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Something went wrong; try again.';
