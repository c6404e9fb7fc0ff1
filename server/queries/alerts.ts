// Stored alerts: the live ones the rules are compared with, the list the dashboard shows, acknowledge and snooze.
import type { InStatement } from '@libsql/client';
import { and, count, desc, eq, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Alert, AlertState } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { alerts } from '../db/schema.ts';
import type { AlertChanges, LiveAlert } from '../domain/alert-rules.ts';
import { statementOf } from './statements.ts';

type Row = typeof alerts.$inferSelect;

export async function liveAlerts(db: Db): Promise<LiveAlert[]> {
  const rows = await db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      subjectType: alerts.subjectType,
      subjectId: alerts.subjectId,
      level: alerts.level,
      state: alerts.state,
      message: alerts.message,
      severity: alerts.severity,
      snoozedUntil: alerts.snoozedUntil,
    })
    .from(alerts)
    .where(ne(alerts.state, 'resolved'));
  return rows.map((row) => ({ ...row, state: row.state === 'acknowledged' ? 'acknowledged' : 'open' }));
}

/** The statements that make the stored alerts follow the plan; an escalation re-opens an acknowledged alert. */
export function alertChangeStatements(db: Db, changes: AlertChanges, now: number): InStatement[] {
  const at = new Date(now);
  return [
    ...changes.create.map((a) =>
      statementOf(
        db.insert(alerts).values({
          kind: a.kind,
          subjectType: a.subject.type,
          subjectId: a.subject.id,
          subjectName: a.subject.name,
          severity: a.severity,
          state: 'open',
          message: a.message,
          level: a.level,
          updatedAt: at,
        }),
      ),
    ),
    ...changes.update.map(({ id, alert, escalated }) =>
      statementOf(
        db
          .update(alerts)
          .set({
            subjectName: alert.subject.name,
            severity: alert.severity,
            message: alert.message,
            level: alert.level,
            updatedAt: at,
            ...(escalated ? { state: 'open' as const, acknowledgedBy: null } : {}),
          })
          .where(eq(alerts.id, id)),
      ),
    ),
    ...changes.resolve.map((id) =>
      statementOf(db.update(alerts).set({ state: 'resolved', resolvedAt: at, updatedAt: at }).where(eq(alerts.id, id))),
    ),
  ];
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

function toAlert(row: Row): Alert {
  return {
    id: row.id,
    kind: row.kind,
    subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName },
    severity: row.severity,
    state: row.state,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    snoozedUntil: row.snoozedUntil,
    resolvedAt: iso(row.resolvedAt),
  };
}

export type AlertFilter = {
  state?: AlertState | undefined;
  kind?: Alert['kind'] | undefined;
  severity?: Alert['severity'] | undefined;
  includeSnoozed: boolean;
  today: string;
  limit: number;
  offset: number;
};

const URGENCY = sql`case ${alerts.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`;

/** Most urgent first, then newest; snoozed alerts are left out of the open list until their day unless asked for. */
export async function listAlerts(db: Db, filter: AlertFilter): Promise<{ total: number; alerts: Alert[] }> {
  const conditions: (SQL | undefined)[] = [
    filter.state ? eq(alerts.state, filter.state) : undefined,
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
    filter.severity ? eq(alerts.severity, filter.severity) : undefined,
    filter.includeSnoozed ? undefined : or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, filter.today)),
  ];
  const where = and(...conditions);
  const [[total], page] = await db.batch([
    db.select({ n: count() }).from(alerts).where(where),
    db
      .select()
      .from(alerts)
      .where(where)
      .orderBy(URGENCY, desc(alerts.createdAt), desc(alerts.id))
      .limit(filter.limit)
      .offset(filter.offset),
  ]);
  return { total: total?.n ?? 0, alerts: page.map(toAlert) };
}

export async function getAlert(db: Db, id: number): Promise<Alert | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row ? toAlert(row) : null;
}

export async function acknowledgeAlert(db: Db, id: number, actor: string, now: number): Promise<void> {
  await db
    .update(alerts)
    .set({ state: 'acknowledged', acknowledgedBy: actor, updatedAt: new Date(now) })
    .where(and(eq(alerts.id, id), eq(alerts.state, 'open')));
}

export async function snoozeAlert(db: Db, id: number, until: string, now: number): Promise<void> {
  await db
    .update(alerts)
    .set({ snoozedUntil: until, updatedAt: new Date(now) })
    .where(and(eq(alerts.id, id), ne(alerts.state, 'resolved')));
}
