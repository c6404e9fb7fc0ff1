// Shadow IT as the API reads it: apps in use without a subscription (the usage rollups) and apps paid for without
// one (spend lines of the last 365 days), merged per app.
import type { DiscoveredApp } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { lastYear } from '../domain/paid-spend.ts';
import { mergeShadowIt } from '../domain/shadow-spend.ts';
import { listApps } from '../queries/apps.ts';
import { listDiscoveredApps } from '../queries/discovered.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';
import { listMatchedLines } from '../queries/spend.ts';
import { listSubscriptions } from '../queries/subscriptions.ts';

export async function readShadowIt(db: Db, since: string | null, today: string): Promise<DiscoveredApp[]> {
  const { minGroupSize } = await getPrivacySettings(db);
  const [used, lines, subscriptions, apps] = await Promise.all([
    listDiscoveredApps(db, since, minGroupSize),
    listMatchedLines(db, lastYear(today)),
    listSubscriptions(db),
    listApps(db),
  ]);
  const subscribed = new Set(subscriptions.map((s) => s.appId));
  const shadowLines = lines.flatMap((l) => (l.appId && !subscribed.has(l.appId) ? [{ ...l, appId: l.appId }] : []));
  return mergeShadowIt(used, shadowLines, new Map(apps.map((app) => [app.id, app])));
}
