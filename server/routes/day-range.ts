// A from/to day range in a query: defaults to the `defaultDays` ending today, at most `maxDays`, in order.
import { windowStart } from '../domain/days.ts';
import { badRequest } from '../errors.ts';

export function dayRange(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
  defaultDays: number,
  maxDays: number,
) {
  const to = query.to ?? today;
  const from = query.from ?? windowStart(to, defaultDays);
  if (from > to) throw badRequest('invalid_query', 'from: must not be after to.');
  if (windowStart(to, maxDays) > from)
    throw badRequest('invalid_query', `from: ask for at most ${maxDays} days at a time.`);
  return { from, to };
}
