// The usage side of reconciliation, indexed for one as-of day: per (person, app) pair its first day of use and its
// active seconds in each window length, each person's last upload day, and per rule the people active on each app
// and day. Reconciliation reads it; the cache (services/usage-index-cache.ts) keeps one current by replacing only the
// entries whose usage changed, so a read costs what changed, not the size of the company.
import { windowStart } from './days.ts';

/** One person's use of one app up to the as-of day; `seconds[i]` is the active time in the window `windows[i]`. */
export type PairUse = { personId: number; appId: string; firstDay: string | null; seconds: readonly number[] };

/** A rule for counting people active on a day: the window it looks back over and the minimum minutes a day. */
export type ActiveDayRule = { windowDays: number; minActiveMinutes: number };

export const ruleKey = (rule: ActiveDayRule) => `${rule.windowDays}:${rule.minActiveMinutes}`;

/** Changes the index remembers for readers that catch up (domain/reconciler.ts); older ones must read it all. */
const CHANGES_KEPT = 100_000;

/** People at or above `threshold` seconds in the window `window` (an index into the windows). */
type ActiveCount = { window: number; threshold: number; people: number };

export class UsageIndex {
  readonly #pairs = new Map<string, Map<number, PairUse>>();
  readonly #lastUpload = new Map<number, string | null>();
  readonly #dailyActive = new Map<string, Map<string, Map<string, number>>>();
  readonly #windowIndex: Map<number, number>;
  /** Per app, people at or above a threshold in a window (`window index:threshold`): counted once, then kept. */
  readonly #activeCounts = new Map<string, Map<string, ActiveCount>>();
  /** Whom each change since the `#changesFrom`-th was about (null: a day's count, about nobody in particular). */
  #changes: (number | null)[] = [];
  #changesFrom = 0;

  constructor(
    readonly asOf: string,
    readonly windows: readonly number[],
  ) {
    this.#windowIndex = new Map(windows.map((days, index) => [days, index]));
  }

  /** Replaces the pair's figures; null removes it (no use recorded by the as-of day). */
  setPair(personId: number, appId: string, use: PairUse | null): void {
    this.#noteChange(personId);
    const counts = this.#activeCounts.get(appId);
    if (counts) {
      const before = this.pair(personId, appId);
      for (const count of counts.values()) {
        const was = (before?.seconds[count.window] ?? 0) >= count.threshold ? 1 : 0;
        const is = (use?.seconds[count.window] ?? 0) >= count.threshold ? 1 : 0;
        count.people += is - was;
      }
    }
    let byPerson = this.#pairs.get(appId);
    if (!use) {
      byPerson?.delete(personId);
      return;
    }
    if (!byPerson) {
      byPerson = new Map();
      this.#pairs.set(appId, byPerson);
    }
    byPerson.set(personId, use);
  }

  /** How many changes the index has had: equal generations, equal contents. */
  get generation(): number {
    return this.#changesFrom + this.#changes.length;
  }

  /**
   * The people whose pairs or last upload day changed after `generation`, or null when the index no longer
   * remembers that far back (read everyone again then).
   */
  peopleChangedSince(generation: number): ReadonlySet<number> | null {
    if (generation < this.#changesFrom || generation > this.generation) return null;
    const people = new Set<number>();
    for (let i = generation - this.#changesFrom; i < this.#changes.length; i += 1) {
      const personId = this.#changes[i]!;
      if (personId !== null) people.add(personId);
    }
    return people;
  }

  #noteChange(personId: number | null) {
    this.#changes.push(personId);
    if (this.#changes.length > CHANGES_KEPT) {
      this.#changesFrom += this.#changes.length;
      this.#changes = [];
    }
  }

  pair(personId: number, appId: string): PairUse | undefined {
    return this.#pairs.get(appId)?.get(personId);
  }

  /** Everyone with recorded use of the app by the as-of day. */
  users(appId: string): Iterable<PairUse> {
    return this.#pairs.get(appId)?.values() ?? [];
  }

  /** Active seconds of the pair in the window of that length (0 for a length the index was not built with). */
  secondsIn(windowDays: number, personId: number, appId: string): number {
    const index = this.#windowIndex.get(windowDays);
    return index === undefined ? 0 : (this.pair(personId, appId)?.seconds[index] ?? 0);
  }

  windowIndexOf(windowDays: number): number | undefined {
    return this.#windowIndex.get(windowDays);
  }

  /** How many people used the app for at least `minSeconds` (at least one second) in the window of that length. */
  activePeople(appId: string, windowDays: number, minSeconds: number): number {
    const w = this.#windowIndex.get(windowDays);
    if (w === undefined) return 0;
    const threshold = Math.max(1, minSeconds);
    const key = `${w}:${threshold}`;
    let counts = this.#activeCounts.get(appId);
    if (!counts) {
      counts = new Map();
      this.#activeCounts.set(appId, counts);
    }
    let count = counts.get(key);
    if (count === undefined) {
      count = { window: w, threshold, people: 0 };
      for (const pair of this.users(appId)) if ((pair.seconds[w] ?? 0) >= threshold) count.people += 1;
      counts.set(key, count);
    }
    return count.people;
  }

  /** The person's last upload day on or before the as-of day and within the longest window; null if none. */
  setLastUpload(personId: number, day: string | null): void {
    this.#noteChange(personId);
    this.#lastUpload.set(personId, day);
  }

  hasLastUpload(personId: number): boolean {
    return this.#lastUpload.has(personId);
  }

  lastUploadDay(personId: number): string | null {
    return this.#lastUpload.get(personId) ?? null;
  }

  /** How many people were active on the app that day under the rule (0 removes the day). */
  setDailyActive(rule: ActiveDayRule, appId: string, day: string, people: number): void {
    this.#noteChange(null);
    const key = ruleKey(rule);
    let byApp = this.#dailyActive.get(key);
    if (!byApp) {
      byApp = new Map();
      this.#dailyActive.set(key, byApp);
    }
    let byDay = byApp.get(appId);
    if (!byDay) {
      byDay = new Map();
      byApp.set(appId, byDay);
    }
    if (people > 0) byDay.set(day, people);
    else byDay.delete(day);
  }

  /** The most people active on the app on one day of the rule's window ending on the as-of day. */
  peak(appId: string, rule: ActiveDayRule): number {
    const from = windowStart(this.asOf, rule.windowDays);
    let most = 0;
    for (const [day, people] of this.#dailyActive.get(ruleKey(rule))?.get(appId) ?? []) {
      if (day >= from && day <= this.asOf && people > most) most = people;
    }
    return most;
  }
}

/** The facts as plain lists (what the queries read and the table tests write). */
export type UsageFacts = {
  asOf: string;
  /** Active seconds per person and app in the window of each length used, summed over devices. */
  windowSeconds: ReadonlyMap<number, readonly { personId: number; appId: string; activeSeconds: number }[]>;
  /** The first day with any active time, per person and app. */
  firstUse: readonly { personId: number; appId: string; firstDay: string }[];
  /** The latest day on or before the as-of day on which some device of the person uploaded. */
  lastUploadDay: readonly { personId: number; day: string }[];
  /** Most distinct people active on the app on one day of the window, per app and rule. */
  peakDailyActive: readonly { appId: string; windowDays: number; minActiveMinutes: number; peak: number }[];
};

/** An index holding exactly the listed facts. */
export function indexUsage(facts: UsageFacts): UsageIndex {
  const windows = [...facts.windowSeconds.keys()];
  const index = new UsageIndex(facts.asOf, windows);
  const seconds = new Map<string, number[]>();
  const firstDays = new Map<string, { personId: number; appId: string; firstDay: string | null }>();
  const keyOf = (personId: number, appId: string) => `${personId}\u0000${appId}`;
  for (const row of facts.firstUse) firstDays.set(keyOf(row.personId, row.appId), row);
  windows.forEach((windowDays, w) => {
    for (const row of facts.windowSeconds.get(windowDays) ?? []) {
      const key = keyOf(row.personId, row.appId);
      if (!firstDays.has(key)) firstDays.set(key, { personId: row.personId, appId: row.appId, firstDay: null });
      const perWindow = seconds.get(key) ?? windows.map(() => 0);
      perWindow[w] = row.activeSeconds;
      seconds.set(key, perWindow);
    }
  });
  for (const [key, { personId, appId, firstDay }] of firstDays)
    index.setPair(personId, appId, { personId, appId, firstDay, seconds: seconds.get(key) ?? windows.map(() => 0) });
  for (const row of facts.lastUploadDay) index.setLastUpload(row.personId, row.day);
  for (const row of facts.peakDailyActive) index.setDailyActive(row, row.appId, facts.asOf, row.peak);
  return index;
}
