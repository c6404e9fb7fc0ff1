// One person's measured use per app over a period, from their daily totals: the most used app first.
import type { App, PersonUsageDay } from '../../../server/contract.ts';

export type AppUse = { appId: string; name: string; seconds: number; days: number; last: string };

/** Days count only with some active time; an app missing from the catalogue is named by its id. */
export function appUse(
  usage: readonly Pick<PersonUsageDay, 'appId' | 'day' | 'activeSeconds'>[],
  apps: readonly Pick<App, 'id' | 'name'>[],
): AppUse[] {
  const names = new Map(apps.map((a) => [a.id, a.name]));
  const byApp = new Map<string, { seconds: number; days: number; last: string }>();
  for (const day of usage) {
    const entry = byApp.get(day.appId) ?? { seconds: 0, days: 0, last: day.day };
    entry.seconds += day.activeSeconds;
    entry.days += day.activeSeconds > 0 ? 1 : 0;
    if (day.day > entry.last) entry.last = day.day;
    byApp.set(day.appId, entry);
  }
  return [...byApp]
    .map(([appId, use]) => ({ appId, name: names.get(appId) ?? appId, ...use }))
    .sort((a, b) => b.seconds - a.seconds);
}
