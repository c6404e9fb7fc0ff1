// Writes the demo company into an empty database: people, devices that report, 60 days of usage, subscriptions
// and seats. Usage goes in as devices' daily totals, so the rollup triggers build everything reconciliation reads.
import { randomUUID } from 'node:crypto';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import { CreateSubscriptionBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { recordAudit } from '../queries/audit.ts';
import { hasSubscriptions, saveDemoDirectory, saveDemoSeats } from '../queries/demo-seed.ts';
import { saveNewSubscription } from '../queries/subscriptions.ts';
import { buildDemoCompany, DEMO_DAYS } from './demo-company.ts';
import { seedDemoSpend } from './demo-spend.ts';

export type DemoSeedResult = { seeded: boolean; people: number; subscriptions: number; usageRecords: number };

/** Seeds the demo company unless the database already has subscriptions (then it changes nothing). */
export async function seedDemo(db: Db, now: Date): Promise<DemoSeedResult> {
  if (await hasSubscriptions(db)) return { seeded: false, people: 0, subscriptions: 0, usageRecords: 0 };
  const today = utcDay(now);
  const company = buildDemoCompany(today);

  const reporting = company.people.filter((p) => p.hasDevice);
  const deviceOf = new Map(reporting.map((person) => [person.email, randomUUID()]));
  await saveDemoDirectory(db, {
    people: company.people,
    devices: reporting.map((p, i) => ({
      id: deviceOf.get(p.email)!,
      email: p.email,
      browser: i % 5 === 0 ? 'edge' : i % 7 === 0 ? 'firefox' : 'chrome',
      tokenHash: hashToken(newSecretToken('device')),
      lastSeenAt: Date.parse(`${p.silentSince ? addDays(p.silentSince, -1) : today}T16:00:00Z`),
    })),
    // Every day a device was on, it uploaded at least a heartbeat: those people were monitored then.
    deviceDays: reporting.flatMap((p) =>
      Array.from({ length: DEMO_DAYS }, (_, d) => addDays(today, -d))
        .filter((day) => (!p.silentSince || day < p.silentSince) && (!p.endDate || day <= p.endDate))
        .map((day) => ({ deviceId: deviceOf.get(p.email)!, day })),
    ),
    usage: company.usage.map((u) => ({
      deviceId: deviceOf.get(u.email)!,
      appId: u.appId,
      day: u.day,
      activeSeconds: u.activeSeconds,
      visits: u.visits,
      lastActiveAt: Date.parse(`${u.day}T15:30:00Z`),
    })),
  });

  for (const [index, sub] of company.subscriptions.entries()) {
    const body = { ...CreateSubscriptionBody.parse(sub), activityWindowDays: 30, minActiveMinutes: 1 };
    const saved = await saveNewSubscription(db, body as Parameters<typeof saveNewSubscription>[1], now);
    await saveDemoSeats(db, saved.id, company.seats[index]!);
  }
  const designers = company.people.filter((p) => p.department === 'Design' && !p.endDate).map((p) => p.email);
  await seedDemoSpend(db, today, designers);
  const result = {
    seeded: true,
    people: company.people.length,
    subscriptions: company.subscriptions.length,
    usageRecords: company.usage.length,
  };
  await recordAudit(db, { actor: 'system', action: 'demo.seed', subjectType: 'database', after: result });
  return result;
}
