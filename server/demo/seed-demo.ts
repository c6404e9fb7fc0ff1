// Writes the demo company into an empty database: people, devices that report, 60 days of usage, subscriptions
// and seats. Usage goes in as devices' daily totals, so the rollup triggers build everything reconciliation reads.
import { randomUUID } from 'node:crypto';
import type { InStatement } from '@libsql/client';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import { CreateSubscriptionBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { recordAudit } from '../queries/audit.ts';
import { saveNewSubscription } from '../queries/subscriptions.ts';
import { buildDemoCompany, DEMO_DAYS } from './demo-company.ts';

const CHUNK = 500;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

const values = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(',')})`).join(',');

export type DemoSeedResult = { seeded: boolean; people: number; subscriptions: number; usageRecords: number };

/** Seeds the demo company unless the database already has subscriptions (then it changes nothing). */
export async function seedDemo(db: Db, now: Date): Promise<DemoSeedResult> {
  const existing = await db.$client.execute('select count(*) as n from subscriptions');
  if (Number(existing.rows[0]!.n) > 0) return { seeded: false, people: 0, subscriptions: 0, usageRecords: 0 };
  const today = utcDay(now);
  const company = buildDemoCompany(today);

  const statements: InStatement[] = [];
  for (const part of chunks(company.people)) {
    statements.push({
      sql: `insert into people (email, name, department, location, manager_email, status, start_date, end_date) values ${values(part.length, 8)}`,
      args: part.flatMap((p) => [
        p.email,
        p.name,
        p.department,
        p.location,
        p.managerEmail,
        p.status,
        p.startDate,
        p.endDate,
      ]),
    });
  }
  const deviceOf = new Map<string, string>();
  const reporting = company.people.filter((p) => p.hasDevice);
  for (const person of reporting) deviceOf.set(person.email, randomUUID());
  for (const part of chunks(reporting)) {
    statements.push({
      sql: `insert into devices (id, person_id, browser, extension_version, token_hash, last_seen_at)
            select v.column1, p.id, v.column2, '0.1.0', v.column3, v.column4 from (values ${values(part.length, 5)}) v join people p on p.email = v.column5`,
      args: part.flatMap((p, i) => [
        deviceOf.get(p.email)!,
        i % 5 === 0 ? 'edge' : i % 7 === 0 ? 'firefox' : 'chrome',
        hashToken(newSecretToken('device')),
        Date.parse(`${p.silentSince ? addDays(p.silentSince, -1) : today}T16:00:00Z`),
        p.email,
      ]),
    });
  }
  // Every day a device was on, it uploaded at least a heartbeat: those people were monitored then.
  const deviceDays = reporting.flatMap((p) =>
    Array.from({ length: DEMO_DAYS }, (_, d) => addDays(today, -d))
      .filter((day) => (!p.silentSince || day < p.silentSince) && (!p.endDate || day <= p.endDate))
      .map((day) => [deviceOf.get(p.email)!, day] as const),
  );
  for (const part of chunks(deviceDays))
    statements.push({
      sql: `insert into device_days (device_id, day) values ${values(part.length, 2)}`,
      args: part.flat(),
    });
  for (const part of chunks(company.usage)) {
    statements.push({
      sql: `insert into usage_daily (device_id, app_id, day, active_seconds, visits, last_active_at) values ${values(part.length, 6)}`,
      args: part.flatMap((u) => [
        deviceOf.get(u.email)!,
        u.appId,
        u.day,
        u.activeSeconds,
        u.visits,
        Date.parse(`${u.day}T15:30:00Z`),
      ]),
    });
  }
  await db.$client.batch(statements, 'write');

  for (const [index, sub] of company.subscriptions.entries()) {
    const body = { ...CreateSubscriptionBody.parse(sub), activityWindowDays: 30, minActiveMinutes: 1 };
    const saved = await saveNewSubscription(db, body as Parameters<typeof saveNewSubscription>[1], now);
    const seats = company.seats[index]!;
    for (const part of chunks(seats)) {
      await db.$client.execute({
        sql: `insert into seats (subscription_id, person_id, assigned_at, source)
              select ?, p.id, v.column2, 'import' from (values ${values(part.length, 2)}) v join people p on p.email = v.column1`,
        args: [saved.id, ...part.flatMap((s) => [s.email, s.assignedAt])],
      });
    }
  }
  const result = {
    seeded: true,
    people: company.people.length,
    subscriptions: company.subscriptions.length,
    usageRecords: company.usage.length,
  };
  await recordAudit(db, { actor: 'system', action: 'demo.seed', subjectType: 'database', after: result });
  return result;
}
