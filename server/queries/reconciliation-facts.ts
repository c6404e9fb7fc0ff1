// Loads the facts reconciliation needs for one as-of day from the per-person rollups; the domain reconciles them.
// Each fact set comes back as one JSON array built by SQLite: turning tens of thousands of result rows into
// driver row objects costs far more than the queries themselves (measured by `npm run bench`).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { windowStart } from '../domain/days.ts';
import type { CompanyFacts, SeatFacts, SubscriptionFacts } from '../domain/reconciliation-report.ts';

export type ReconciliationScope = { appId?: string };

/** Runs a query whose one column is a JSON array and parses it. */
async function jsonRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [row] = await db.all<{ rows: string | null }>(query);
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

const appScope = (column: SQL, scope: ReconciliationScope) => (scope.appId ? sql`${column} = ${scope.appId}` : sql`1`);

async function loadSubscriptions(db: Db, scope: ReconciliationScope): Promise<SubscriptionFacts[]> {
  const rows = await jsonRows<
    [
      number,
      string,
      string,
      string,
      SubscriptionFacts['metric'],
      number | null,
      number,
      string,
      SubscriptionFacts['billingPeriod'],
      number,
      number,
    ]
  >(
    db,
    sql`select json_group_array(json_array(s.id, s.app_id, a.name, s.plan, s.metric, s.seats, s.unit_cost, s.currency,
          s.billing_period, s.activity_window_days, s.min_active_minutes)) as rows
        from subscriptions s join apps a on a.id = s.app_id
        where ${appScope(sql`s.app_id`, scope)}`,
  );
  return rows
    .map(
      ([
        id,
        appId,
        appName,
        plan,
        metric,
        seats,
        unitCost,
        currency,
        billingPeriod,
        activityWindowDays,
        minActiveMinutes,
      ]) => ({
        id,
        appId,
        appName,
        plan,
        metric,
        seats,
        unitCost,
        currency,
        billingPeriod,
        activityWindowDays,
        minActiveMinutes,
      }),
    )
    .sort((a, b) => a.id - b.id);
}

async function loadSeats(db: Db, scope: ReconciliationScope): Promise<SeatFacts[]> {
  const rows = await jsonRows<
    [number, number, number, string, string | null, SeatFacts['personStatus'], string | null]
  >(
    db,
    sql`select json_group_array(json_array(s.id, s.subscription_id, s.person_id, s.assigned_at,
          substr(s.vendor_last_active_at, 1, 10), p.status, p.end_date)) as rows
        from seats s join people p on p.id = s.person_id join subscriptions x on x.id = s.subscription_id
        where ${appScope(sql`x.app_id`, scope)}`,
  );
  return rows.map(([seatId, subscriptionId, personId, assignedAt, vendorLastActiveDay, personStatus, endDate]) => ({
    seatId,
    subscriptionId,
    personId,
    assignedAt,
    vendorLastActiveDay,
    personStatus,
    endDate,
  }));
}

/** The cumulative seconds of the pair's last day matching `bound` (a condition on `p.day`), 0 if none. */
const cumulativeAt = (bound: SQL) => sql`coalesce((
    select p.cumulative_seconds from person_usage_daily p
    where p.person_id = pair.person_id and p.app_id = pair.app_id and ${bound}
    order by p.day desc limit 1), 0)`;

/**
 * Per (person, app) pair used on or before D: the first day of use and the active seconds in each window length.
 * A window's seconds are the cumulative total at the last day up to D (the pair's total when it was last used by D)
 * minus the one before the window starts: at most two index seeks per pair, fewer when its first or last day settles
 * it.
 */
async function loadPairs(db: Db, asOf: string, subs: readonly SubscriptionFacts[]) {
  const appIds = [...new Set(subs.map((s) => s.appId))];
  const windows = [...new Set(subs.map((s) => s.activityWindowDays))];
  // Only the windows of an app's own subscriptions are asked for, so most pairs need one window, not all.
  const appsWithWindow = (windowDays: number) => [
    ...new Set(subs.filter((s) => s.activityWindowDays === windowDays).map((s) => s.appId)),
  ];
  const starts = windows.map((windowDays) => windowStart(asOf, windowDays));
  // biome-ignore lint/complexity/useMathMinMax: days are ISO strings; Math.min would make them NaN.
  const earliest = starts.reduce((a, b) => (a < b ? a : b));
  const secondsIn = (start: string, apps: string[]) => sql`case
      when pair.app_id not in ${apps} then 0
      when pair.last_day < ${start} then 0
      when pair.first_day >= ${start} then pair.up_to
      else pair.up_to - ${cumulativeAt(sql`p.day < ${start}`)} end`;
  const rows = await jsonRows<[number, string, string, ...number[]]>(
    db,
    sql`with pair as materialized (
          select pair.person_id, pair.app_id, pair.first_day, pair.last_day,
            case when pair.last_day < ${earliest} then 0
              when pair.last_day <= ${asOf} then pair.total_seconds
              else ${cumulativeAt(sql`p.day <= ${asOf}`)} end as up_to
          from person_app_usage pair
          where +pair.app_id in ${appIds} and pair.first_day <= ${asOf})
        select json_group_array(json_array(pair.person_id, pair.app_id, pair.first_day, ${sql.join(
          starts.map((start, index) => secondsIn(start, appsWithWindow(windows[index]!))),
          sql`, `,
        )})) as rows
        from pair`,
  );
  const pairs = rows.map(([personId, appId, firstDay, ...seconds]) => ({ personId, appId, firstDay, seconds }));
  const firstUse = pairs.map(({ personId, appId, firstDay }) => ({ personId, appId, firstDay }));
  const windowSeconds = new Map(
    windows.map((windowDays, index) => [
      windowDays,
      pairs
        .filter((pair) => pair.seconds[index]! > 0)
        .map((pair) => ({ personId: pair.personId, appId: pair.appId, activeSeconds: pair.seconds[index]! })),
    ]),
  );
  return { firstUse, windowSeconds };
}

/** The last day up to D on which some device of each seat holder uploaded: one index seek per holder. */
async function loadLastUploadDays(db: Db, asOf: string, since: string) {
  const rows = await jsonRows<[number, string]>(
    db,
    sql`select json_group_array(json_array(person_id, day)) as rows from (
          select h.person_id,
            (select max(pd.day) from person_days pd where pd.person_id = h.person_id and pd.day <= ${asOf}) as day
          from (select distinct person_id from seats) h)
        where day >= ${since}`,
  );
  return rows.map(([personId, day]) => ({ personId, day }));
}

/**
 * Most people active on each app on one day of the window, for every subscription's (window, minimum minutes):
 * one grouped count per distinct rule over the covering (app, day, seconds) index; most companies have one rule.
 */
async function loadPeaks(db: Db, asOf: string, subs: readonly SubscriptionFacts[]) {
  const rules = new Map<string, { windowDays: number; minActiveMinutes: number; appIds: Set<string> }>();
  for (const sub of subs) {
    const k = `${sub.activityWindowDays}:${sub.minActiveMinutes}`;
    if (!rules.has(k))
      rules.set(k, { windowDays: sub.activityWindowDays, minActiveMinutes: sub.minActiveMinutes, appIds: new Set() });
    rules.get(k)!.appIds.add(sub.appId);
  }
  const peaks: CompanyFacts['peakDailyActive'][number][] = [];
  for (const { windowDays, minActiveMinutes, appIds } of rules.values()) {
    const rows = await jsonRows<[string, number]>(
      db,
      sql`select json_group_array(json_array(app_id, peak)) as rows from (
            select app_id, max(users) as peak from (
              select app_id, day, count(*) as users from person_usage_daily
              where app_id in ${[...appIds]} and day between ${windowStart(asOf, windowDays)} and ${asOf}
                and active_seconds >= ${Math.max(1, minActiveMinutes * 60)}
              group by app_id, day)
            group by app_id)`,
    );
    for (const [appId, peak] of rows) peaks.push({ appId, windowDays, minActiveMinutes, peak });
  }
  return peaks;
}

/** The facts for every subscription, or only those of one app (the app's seats all matter for seatless use). */
export async function loadReconciliationFacts(
  db: Db,
  asOf: string,
  scope: ReconciliationScope = {},
): Promise<CompanyFacts> {
  const subs = await loadSubscriptions(db, scope);
  if (subs.length === 0) {
    return {
      asOf,
      subscriptions: [],
      seats: [],
      windowSeconds: new Map(),
      firstUse: [],
      lastUploadDay: [],
      peakDailyActive: [],
    };
  }
  const windows = [...new Set(subs.map((s) => s.activityWindowDays))];
  const seats = await loadSeats(db, scope);
  const { firstUse, windowSeconds } = await loadPairs(db, asOf, subs);
  const lastUploadDay = await loadLastUploadDays(db, asOf, windowStart(asOf, Math.max(...windows)));
  const peakDailyActive = await loadPeaks(db, asOf, subs);
  return { asOf, subscriptions: subs, seats, windowSeconds, firstUse, lastUploadDay, peakDailyActive };
}
