// A page whose code is a chunk of its own, fetched the first time the page is shown and kept after that.
import type { Component } from 'svelte';

// biome-ignore lint/suspicious/noExplicitAny: the props type of a Svelte component, as Component itself declares it
type AnyProps = Record<string, any>;

export class LazyView<Props extends AnyProps> {
  /** Set once the chunk has loaded; from then on the page shows at once. */
  component = $state<Component<Props> | null>(null);
  /** Why the chunk did not load, e.g. a deploy replaced the files this page's index.html names. */
  failed = $state<string | null>(null);
  #loading: Promise<void> | null = null;
  readonly #importer: () => Promise<{ default: Component<Props> }>;

  constructor(importer: () => Promise<{ default: Component<Props> }>) {
    this.#importer = importer;
  }

  load(): void {
    if (this.component) return;
    this.#loading ??= this.#importer().then(
      (module) => {
        this.component = module.default;
        this.failed = null;
      },
      (error: unknown) => {
        this.failed = error instanceof Error ? error.message : String(error);
        this.#loading = null;
      },
    );
  }
}

/** `lazy(() => import('./Settings.svelte'))`: the page goes into its own chunk. */
export const lazy = <Props extends AnyProps>(importer: () => Promise<{ default: Component<Props> }>) =>
  new LazyView(importer);

/** A page in the first load (imported as usual), or one in its own chunk. */
export type PageView<Props extends AnyProps> = Component<Props> | LazyView<Props>;
