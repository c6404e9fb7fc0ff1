// Puts a long page's sections on screen one task after another, top first. Drawn in one go, the overview was one
// task of about half a second on a mid-range phone, during which a tap or a scroll waited; section by section, the
// first screen shows sooner and input is answered between sections. Every section is drawn, within a few frames.

/** The next task, after the browser has had its chance to paint and to handle input. */
const nextTask = () => new Promise<void>((done) => setTimeout(done, 0));

export class SectionsInTurn {
  /** How many sections are on screen, from the top; the first is there at once. */
  shown = $state(1);
  readonly #count: number;

  constructor(count: number) {
    this.#count = count;
  }

  /** Section `index` (0 is the top one) is on screen. */
  has(index: number): boolean {
    return index < this.shown;
  }

  /** Some sections are still to come: the page says it is busy (`aria-busy`) until all are there. */
  get pending(): boolean {
    return this.shown < this.#count;
  }

  /**
   * An attachment for the element the sections are in: shows the rest once it is on the page, and stops if it goes
   * before all are there. Sections already shown stay (a reload of the data draws them again at once).
   */
  readonly start = () => {
    let gone = false;
    void (async () => {
      while (this.pending) {
        await nextTask();
        if (gone) return;
        this.shown += 1;
      }
    })();
    return () => {
      gone = true;
    };
  };
}
