// Loads the facts reconciliation needs for one as-of day: the inventory, and the usage index's entries from the
// per-person rollups (all of them, or only those that changed); the domain reconciles them.
// Each fact set comes back as one JSON array built by SQLite: turning tens of thousands of result rows into
// driver row objects costs far more than the queries themselves (measured by `npm run bench`).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { windowStart } from '../domain/days.ts';
import type { SeatFacts, SubscriptionFacts } from '../domain/reconciliation-report.ts';
import { type ActiveDayRule, type PairUse, ruleKey } from '../domain/usage-index.ts';
import { cell, jsonValues } from './json-values.ts';

export type ReconciliationScope = { appId?: string };

/** Runs a query whose one column is a JSON array and parses it. */
async function jsonRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [row] = await db.all<{ rows: string | null }>(query);
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

const appScope = (column: SQL, scope: ReconciliationScope) => (scope.appId ? sql`${column} = ${scope.appId}` : sql`1`);

export async function loadSubscriptions(db: Db, scope: ReconciliationScope): Promise<SubscriptionFacts[]> {
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

/** What the usage index holds: the windows and apps the subscriptions ask about. */
export type UsageShape = {
  asOf: string;
  /** Window lengths, each with the apps whose subscriptions use it. */
  windows: readonly { windowDays: number; appIds: readonly string[] }[];
  /** Rules for concurrent peaks, each with its apps. */
  rules: readonly (ActiveDayRule & { appIds: readonly string[] })[];
};

export function usageShape(asOf: string, subs: readonly SubscriptionFacts[]): UsageShape {
  const windows = new Map<number, Set<string>>();
  const rules = new Map<string, ActiveDayRule & { appIds: Set<string> }>();
  for (const sub of [...subs].sort((a, b) => a.id - b.id)) {
    if (!windows.has(sub.activityWindowDays)) windows.set(sub.activityWindowDays, new Set());
    windows.get(sub.activityWindowDays)!.add(sub.appId);
    const rule = { windowDays: sub.activityWindowDays, minActiveMinutes: sub.minActiveMinutes };
    if (!rules.has(ruleKey(rule))) rules.set(ruleKey(rule), { ...rule, appIds: new Set() });
    rules.get(ruleKey(rule))!.appIds.add(sub.appId);
  }
  return {
    asOf,
    windows: [...windows].map(([windowDays, appIds]) => ({ windowDays, appIds: [...appIds].sort() })),
    rules: [...rules.values()].map((rule) => ({ ...rule, appIds: [...rule.appIds].sort() })),
  };
}

export type PairKey = readonly [personId: number, appId: string];

/**
 * Per (person, app) pair used on or before D: the first day of use and the active seconds in each window length,
 * for every pair of the shape's apps or only the pairs `only` names. A window's seconds are the cumulative total at
 * the last day up to D (the pair's total when it was last used by D) minus the one before the window starts: at
 * most two index seeks per pair, fewer when its first or last day settles it.
 */
export async function loadPairUse(
  db: Db,
  shape: UsageShape,
  only?: readonly PairKey[] | { firstPersonId: number; lastPersonId: number },
): Promise<PairUse[]> {
  const { asOf } = shape;
  const appIds = [...new Set(shape.windows.flatMap((w) => w.appIds))];
  if (appIds.length === 0 || (Array.isArray(only) && only.length === 0)) return [];
  const starts = shape.windows.map((w) => windowStart(asOf, w.windowDays));
  // biome-ignore lint/complexity/useMathMinMax: days are ISO strings; Math.min would make them NaN.
  const earliest = starts.reduce((a, b) => (a < b ? a : b));
  const secondsIn = (start: string, apps: readonly string[]) => sql`case
      when pair.app_id not in ${apps} then 0
      when pair.last_day < ${start} then 0
      when pair.first_day >= ${start} then pair.up_to
      else pair.up_to - ${cumulativeAt(sql`p.day < ${start}`)} end`;
  const pairs =
    only === undefined
      ? sql`from person_app_usage pair where 1`
      : 'firstPersonId' in only
        ? sql`from person_app_usage pair where pair.person_id between ${only.firstPersonId} and ${only.lastPersonId}`
        : sql`from ${jsonValues(only)} j join person_app_usage pair
            on pair.person_id = ${cell(0)} and pair.app_id = ${cell(1)} where 1`;
  const rows = await jsonRows<[number, string, string, ...number[]]>(
    db,
    sql`with pair as materialized (
          select pair.person_id, pair.app_id, pair.first_day, pair.last_day,
            case when pair.last_day < ${earliest} then 0
              when pair.last_day <= ${asOf} then pair.total_seconds
              else ${cumulativeAt(sql`p.day <= ${asOf}`)} end as up_to
          ${pairs} and +pair.app_id in ${appIds} and pair.first_day <= ${asOf})
        select json_group_array(json_array(pair.person_id, pair.app_id, pair.first_day, ${sql.join(
          starts.map((start, index) => secondsIn(start, shape.windows[index]!.appIds)),
          sql`, `,
        )})) as rows
        from pair`,
  );
  return rows.map(([personId, appId, firstDay, ...seconds]) => ({ personId, appId, firstDay, seconds }));
}

/** The last day up to D, and within the longest window, on which some device of each person uploaded. */
export async function loadLastUploadDays(db: Db, shape: UsageShape, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  if (shape.windows.length === 0) return personIds.map((personId) => ({ personId, day: null }));
  const since = windowStart(shape.asOf, Math.max(...shape.windows.map((w) => w.windowDays)));
  const rows = await jsonRows<[number, string | null]>(
    db,
    sql`select json_group_array(json_array(h.value,
          (select max(pd.day) from person_days pd where pd.person_id = h.value
            and pd.day between ${since} and ${shape.asOf}))) as rows
        from json_each(${JSON.stringify(personIds)}) h`,
  );
  return rows.map(([personId, day]) => ({ personId, day }));
}

export type AppDay = readonly [appId: string, day: string];

type DailyActiveCount = { rule: ActiveDayRule; appId: string; day: string; people: number };

/**
 * The people active on each listed (app, day) under each rule that covers it: one count per pair over the
 * covering (app, day, seconds) index, reading only that day's entries at or above the rule's minimum.
 */
async function countListedDays(
  db: Db,
  asOf: string,
  rules: readonly { rule: ActiveDayRule & { appIds: readonly string[] }; from: string }[],
  appDays: readonly AppDay[],
): Promise<DailyActiveCount[]> {
  const counts: DailyActiveCount[] = [];
  for (const { rule, from } of rules) {
    const days = appDays.filter(([appId, day]) => day >= from && day <= asOf && rule.appIds.includes(appId));
    if (days.length === 0) continue;
    const rows = await jsonRows<[string, string, number]>(
      db,
      sql`select json_group_array(json_array(${cell(0)}, ${cell(1)}, (
            select count(*) from person_usage_daily u
            where u.app_id = ${cell(0)} and u.day = ${cell(1)}
              and u.active_seconds >= ${Math.max(1, rule.minActiveMinutes * 60)}))) as rows
          from ${jsonValues(days)}`,
    );
    for (const [appId, day, people] of rows) counts.push({ rule, appId, day, people });
  }
  return counts;
}

/**
 * People active on each app and day of every rule's window (at least its minimum minutes, at least one second), or
 * on the (app, day)s `only` names: one pass over the covering (app, day, seconds) index counts for all rules at once.
 */
export async function loadDailyActive(
  db: Db,
  shape: UsageShape,
  only?: readonly AppDay[] | { day: string; appIds: readonly string[] },
) {
  const rules = shape.rules.map((rule) => ({ rule, from: windowStart(shape.asOf, rule.windowDays) }));
  if (rules.length === 0 || (Array.isArray(only) && only.length === 0)) return [];
  // biome-ignore lint/complexity/useMathMinMax: days are ISO strings; Math.min would make them NaN.
  const earliest = rules.map((r) => r.from).reduce((a, b) => (a < b ? a : b));
  const appIds = [...new Set(shape.rules.flatMap((rule) => rule.appIds))];
  const oneDay = only !== undefined && 'day' in only ? only : null;
  const listed = only !== undefined && !('day' in only) ? only : null;
  if (listed) return countListedDays(db, shape.asOf, rules, listed);
  const scope = sql`from person_usage_daily u where u.app_id in ${oneDay?.appIds ?? appIds}
          and u.day between ${oneDay?.day ?? earliest} and ${oneDay?.day ?? shape.asOf}`;
  // A rule over every app (the usual case) needs no per-row app check: an IN list per row costs a lookup each.
  const perRule = rules.map(({ rule, from }) => {
    const apps = rule.appIds.length === appIds.length ? sql`` : sql` and u.app_id in ${rule.appIds}`;
    return sql`count(*) filter (where u.active_seconds >= ${Math.max(1, rule.minActiveMinutes * 60)}
      and u.day >= ${from}${apps})`;
  });
  const rows = await jsonRows<[string, string, ...number[]]>(
    db,
    sql`select json_group_array(json_array(app_id, day, ${sql.join(
      rules.map((_, i) => sql.raw(`c${i}`)),
      sql`, `,
    )})) as rows from (
          select u.app_id, u.day, ${sql.join(
            perRule.map((count, i) => sql`${count} as ${sql.raw(`c${i}`)}`),
            sql`, `,
          )}
          ${scope}
          group by u.app_id, u.day)`,
  );
  const counted = new Map(rows.map(([appId, day, ...people]) => [`${appId} ${day}`, people]));
  const counts: DailyActiveCount[] = [];
  // A rule counts only its own apps and window.
  for (const [appId, day] of rows.map(([appId, day]) => [appId, day] as const)) {
    const people = counted.get(`${appId} ${day}`);
    rules.forEach(({ rule, from }, i) => {
      if (day >= from && day <= shape.asOf && rule.appIds.includes(appId))
        counts.push({ rule, appId, day, people: people?.[i] ?? 0 });
    });
  }
  return counts;
}

/** The subscriptions and seats, of every app or of one. */
export async function loadInventoryFacts(db: Db, asOf: string, scope: ReconciliationScope = {}) {
  const subscriptions = await loadSubscriptions(db, scope);
  const seats = subscriptions.length === 0 ? [] : await loadSeats(db, scope);
  return { asOf, subscriptions, seats };
}
