// Stored alerts: the live ones the rules are compared with, the list the dashboard shows, acknowledge and snooze.
import type { InStatement } from '@libsql/client';
import type { Alert, AlertState } from '../contract.ts';
import type { Db } from '../db/client.ts';
import type { AlertChanges, LiveAlert } from '../domain/alert-rules.ts';

export async function liveAlerts(db: Db): Promise<LiveAlert[]> {
  const result = await db.$client.execute(
    `select id, kind, subject_type, subject_id, level, state, message, severity, snoozed_until from alerts where state <> 'resolved'`,
  );
  return result.rows.map((row) => ({
    id: Number(row.id),
    kind: String(row.kind) as LiveAlert['kind'],
    subjectType: String(row.subject_type),
    subjectId: String(row.subject_id),
    level: Number(row.level),
    state: row.state === 'acknowledged' ? 'acknowledged' : 'open',
    message: String(row.message),
    severity: String(row.severity) as LiveAlert['severity'],
    snoozedUntil: row.snoozed_until === null ? null : String(row.snoozed_until),
  }));
}

/** The statements that make the stored alerts follow the plan; an escalation re-opens an acknowledged alert. */
export function alertChangeStatements(changes: AlertChanges, now: number): InStatement[] {
  return [
    ...changes.create.map((a) => ({
      sql: `insert into alerts (kind, subject_type, subject_id, subject_name, severity, state, message, level, updated_at) values (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      args: [a.kind, a.subject.type, a.subject.id, a.subject.name, a.severity, a.message, a.level, now],
    })),
    ...changes.update.map(({ id, alert, escalated }) => ({
      sql: `update alerts set subject_name = ?, severity = ?, message = ?, level = ?, updated_at = ?${escalated ? ", state = 'open', acknowledged_by = null" : ''} where id = ?`,
      args: [alert.subject.name, alert.severity, alert.message, alert.level, now, id],
    })),
    ...changes.resolve.map((id) => ({
      sql: `update alerts set state = 'resolved', resolved_at = ?, updated_at = ? where id = ?`,
      args: [now, now, id],
    })),
  ];
}

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());

function toAlert(row: Record<string, unknown>): Alert {
  return {
    id: Number(row.id),
    kind: String(row.kind) as Alert['kind'],
    subject: { type: String(row.subject_type), id: String(row.subject_id), name: String(row.subject_name) },
    severity: String(row.severity) as Alert['severity'],
    state: String(row.state) as AlertState,
    message: String(row.message),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    acknowledgedBy: row.acknowledged_by === null ? null : String(row.acknowledged_by),
    snoozedUntil: row.snoozed_until === null ? null : String(row.snoozed_until),
    resolvedAt: iso(row.resolved_at),
  };
}

export type AlertFilter = {
  state?: AlertState | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  includeSnoozed: boolean;
  today: string;
  limit: number;
  offset: number;
};

/** Most urgent first, then newest; snoozed alerts are left out of the open list until their day unless asked for. */
export async function listAlerts(db: Db, filter: AlertFilter): Promise<{ total: number; alerts: Alert[] }> {
  const conditions: string[] = [];
  const args: (string | number)[] = [];
  if (filter.state) {
    conditions.push('state = ?');
    args.push(filter.state);
  }
  if (filter.kind) {
    conditions.push('kind = ?');
    args.push(filter.kind);
  }
  if (filter.severity) {
    conditions.push('severity = ?');
    args.push(filter.severity);
  }
  if (!filter.includeSnoozed) {
    conditions.push('(snoozed_until is null or snoozed_until <= ?)');
    args.push(filter.today);
  }
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  const [total, page] = await db.$client.batch(
    [
      { sql: `select count(*) as n from alerts${where}`, args },
      {
        sql: `select * from alerts${where} order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, created_at desc, id desc limit ? offset ?`,
        args: [...args, filter.limit, filter.offset],
      },
    ],
    'read',
  );
  return { total: Number(total!.rows[0]!.n), alerts: page!.rows.map((row) => toAlert(row)) };
}

export async function getAlert(db: Db, id: number): Promise<Alert | null> {
  const result = await db.$client.execute({ sql: 'select * from alerts where id = ?', args: [id] });
  return result.rows[0] ? toAlert(result.rows[0]) : null;
}

export async function acknowledgeAlert(db: Db, id: number, actor: string, now: number): Promise<void> {
  await db.$client.execute({
    sql: `update alerts set state = 'acknowledged', acknowledged_by = ?, updated_at = ? where id = ? and state = 'open'`,
    args: [actor, now, id],
  });
}

export async function snoozeAlert(db: Db, id: number, until: string, now: number): Promise<void> {
  await db.$client.execute({
    sql: `update alerts set snoozed_until = ?, updated_at = ? where id = ? and state <> 'resolved'`,
    args: [until, now, id],
  });
}
