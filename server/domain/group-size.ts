// minGroupSize (DESIGN section 10): no figure about fewer than N people of a department is shown exactly. A group
// under N is suppressed; and while the suppressed groups could be told apart by subtracting the shown ones from the
// total (one group alone, or several adding up to fewer than N), the next smallest group is suppressed too. Pure.

/** Which groups (by index) are shown as "fewer than N" instead of their figures. */
export function suppressedGroups(sizes: readonly number[], minGroupSize: number): Set<number> {
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => a.size - b.size || a.index - b.index);
  const suppressed = new Set<number>();
  let total = 0;
  for (const { size, index } of order) {
    const small = size < minGroupSize;
    const revealing = suppressed.size === 1 || (suppressed.size > 0 && total < minGroupSize);
    if (!small && !revealing) break;
    suppressed.add(index);
    total += size;
  }
  return suppressed;
}

/**
 * A group's figures, or nulls with `suppressed: true` where they are not shown; `fewerThan` is N when the group itself
 * has fewer than N people ("fewer than N"), null when it is shown or only hidden so a smaller one cannot be worked out.
 */
export type GroupFigures<F extends string> = { [K in F]: number | null } & {
  suppressed: boolean;
  fewerThan: number | null;
};

/** Each group with its figures, or nulls where they are suppressed; the groups keep their order. */
export function withGroupSuppression<G extends Record<F, number>, F extends string>(
  groups: readonly G[],
  sizeOf: (group: G) => number,
  figures: readonly F[],
  minGroupSize: number,
): (Omit<G, F> & GroupFigures<F>)[] {
  const hidden = suppressedGroups(groups.map(sizeOf), minGroupSize);
  return groups.map((group, index) => {
    const suppressed = hidden.has(index);
    const fewerThan = suppressed && sizeOf(group) < minGroupSize ? minGroupSize : null;
    const shown: Record<string, unknown> = { ...group, suppressed, fewerThan };
    if (suppressed) for (const figure of figures) shown[figure] = null;
    return shown as Omit<G, F> & GroupFigures<F>;
  });
}

/** The departments named at least `minimum` times (one name per person), each once, sorted. */
export function departmentsOfAtLeast(departments: readonly string[], minimum: number): string[] {
  const counts = new Map<string, number>();
  for (const department of departments) counts.set(department, (counts.get(department) ?? 0) + 1);
  return [...counts].flatMap(([department, n]) => (n >= minimum ? [department] : [])).sort();
}
