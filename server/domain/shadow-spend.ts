// Shadow IT from both sides: apps the extension saw in use and apps paid for, with no subscription. An app paid for
// without a subscription is shadow IT even when nobody was seen using it; one paid by several people on their own
// cards or expenses is a consolidation candidate. Pure: the caller passes usage rows and spend lines.
import type { DiscoveredApp } from '../contract.ts';

export type UsedAppRow = Omit<
  DiscoveredApp,
  'sources' | 'annualisedSpend' | 'payers' | 'seatMonths' | 'consolidationCandidate'
>;
export type ShadowSpendLine = { appId: string; day: string; amount: number; currency: string; email: string | null };
export type AppFacts = { id: string; name: string; status: DiscoveredApp['status'] };

/** Merges usage rows and the spend lines (already limited to apps without a subscription and to the period). */
export function mergeShadowIt(
  used: readonly UsedAppRow[],
  lines: readonly ShadowSpendLine[],
  apps: ReadonlyMap<string, AppFacts>,
): DiscoveredApp[] {
  type Paid = {
    totals: Map<string, number>;
    payers: Set<string>;
    seatMonths: Set<string>;
    first: string;
    last: string;
  };
  const spend = new Map<string, Paid>();
  for (const line of lines) {
    const entry = spend.get(line.appId) ?? {
      totals: new Map(),
      payers: new Set(),
      seatMonths: new Set(),
      first: line.day,
      last: line.day,
    };
    entry.totals.set(line.currency, (entry.totals.get(line.currency) ?? 0) + line.amount);
    if (line.email) entry.payers.add(line.email);
    if (line.email && line.amount > 0) entry.seatMonths.add(`${line.email} ${line.day.slice(0, 7)}`);
    if (line.day < entry.first) entry.first = line.day;
    if (line.day > entry.last) entry.last = line.day;
    spend.set(line.appId, entry);
  }
  const withSpend = (row: UsedAppRow, sources: DiscoveredApp['sources']): DiscoveredApp => {
    const entry = spend.get(row.appId);
    const payers = entry?.payers.size ?? 0;
    return {
      ...row,
      sources,
      annualisedSpend: entry
        ? [...entry.totals]
            .map(([currency, amount]) => ({ currency, amount }))
            .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency))
        : [],
      payers,
      seatMonths: entry?.seatMonths.size ?? 0,
      consolidationCandidate: payers >= 2,
    };
  };
  const rows = used.map((row) => withSpend(row, spend.has(row.appId) ? ['usage', 'spend'] : ['usage']));
  const seen = new Set(used.map((row) => row.appId));
  for (const [appId, entry] of spend) {
    const app = apps.get(appId);
    if (seen.has(appId) || !app) continue;
    const row = { appId, appName: app.name, status: app.status, users: 0, departments: [], firstSeen: entry.first };
    rows.push(withSpend({ ...row, lastSeen: entry.last }, ['spend']));
  }
  // Most users first, as before; apps only paid for follow, most payers first.
  return rows.sort((a, b) => b.users - a.users || b.payers - a.payers || a.appName.localeCompare(b.appName));
}
