// Daily trends start on the first day with measured use, not with weeks of zeros from before anything was measured.

/**
 * The days from the first one with anyone active on; later days without use stay (they are real gaps).
 * Empty when nobody was active on any day, so the page can say so instead of drawing a flat line.
 */
export function fromFirstUse<T extends { activeUsers: number }>(days: readonly T[]): T[] {
  const first = days.findIndex((d) => d.activeUsers > 0);
  return first === -1 ? [] : days.slice(first);
}
