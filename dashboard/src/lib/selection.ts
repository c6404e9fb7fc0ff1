// Ticked rows of a table as a new Set each time, so a `$state` holding it sees every change.
export function toggled<T>(selected: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(selected);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
