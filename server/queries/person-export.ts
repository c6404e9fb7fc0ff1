// Every row that holds one person's id or email, for a subject access export: plain reads, no secrets or hashes.
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import {
  alerts,
  apps,
  auditLog,
  deliveries,
  deviceDays,
  devices,
  enrollmentTokens,
  people,
  reclaims,
  seats,
  spendLines,
  ssoDeviceCodes,
  subscriptions,
  usageDaily,
  users,
} from '../db/schema.ts';
import { connectorRuns } from '../db/schema-connectors.ts';

/** Rows whose free text may name the email; the service keeps only those that name it exactly (not a longer one). */
const mentions = (email: string, ...columns: (AnySQLiteColumn | SQL)[]) =>
  or(...columns.map((column) => sql`instr(lower(coalesce(${column}, '')), ${email}) > 0`));

export const getExportedPerson = async (db: Db, id: number) =>
  (await db.select().from(people).where(eq(people.id, id)))[0] ?? null;

export async function personRecords(db: Db, personId: number, email: string) {
  const [account] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.email, email));
  const theirDevices = await db
    .select({
      id: devices.id,
      browser: devices.browser,
      extensionVersion: devices.extensionVersion,
      enrolledAt: devices.enrolledAt,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
      verifiedAt: devices.verifiedAt,
      enrollmentTokenLabel: enrollmentTokens.label,
    })
    .from(devices)
    .leftJoin(enrollmentTokens, eq(enrollmentTokens.id, devices.enrollmentTokenId))
    .where(eq(devices.personId, personId))
    .orderBy(asc(devices.enrolledAt), asc(devices.id));
  const deviceIds = theirDevices.map((d) => d.id);
  const usage = await db
    .select()
    .from(usageDaily)
    .where(inArray(usageDaily.deviceId, deviceIds))
    .orderBy(asc(usageDaily.day), asc(usageDaily.appId), asc(usageDaily.deviceId));
  const days = await db
    .select()
    .from(deviceDays)
    .where(inArray(deviceDays.deviceId, deviceIds))
    .orderBy(asc(deviceDays.day), asc(deviceDays.deviceId));
  const theirSeats = await db
    .select({
      id: seats.id,
      subscriptionId: seats.subscriptionId,
      appId: subscriptions.appId,
      plan: subscriptions.plan,
      assignedAt: seats.assignedAt,
      source: seats.source,
      vendorLastActiveAt: seats.vendorLastActiveAt,
      createdAt: seats.createdAt,
    })
    .from(seats)
    .innerJoin(subscriptions, eq(subscriptions.id, seats.subscriptionId))
    .where(eq(seats.personId, personId))
    .orderBy(asc(seats.id));
  const theirReclaims = await db
    .select()
    .from(reclaims)
    .where(eq(reclaims.personId, personId))
    .orderBy(asc(reclaims.id));
  return { account: account ?? null, devices: theirDevices, usage, days, seats: theirSeats, reclaims: theirReclaims };
}

/** Audit entries about the person, their account, devices, seats or reclaims, or whose text holds the email. */
export function auditCandidates(
  db: Db,
  email: string,
  subjects: { type: string; ids: string[] }[],
): Promise<(typeof auditLog.$inferSelect)[]> {
  const bySubject = subjects
    .filter((s) => s.ids.length > 0)
    .map((s) => and(eq(auditLog.subjectType, s.type), inArray(auditLog.subjectId, s.ids)));
  return db
    .select()
    .from(auditLog)
    .where(or(...bySubject, mentions(email, auditLog.actor, auditLog.before, auditLog.after)))
    .orderBy(asc(auditLog.id));
}

export function connectorRunCandidates(db: Db, email: string, reclaimIds: number[]) {
  return db
    .select()
    .from(connectorRuns)
    .where(
      or(inArray(connectorRuns.reclaimId, reclaimIds), mentions(email, connectorRuns.counts, connectorRuns.message)),
    )
    .orderBy(asc(connectorRuns.id));
}

export function deliveryCandidates(db: Db, email: string) {
  return db
    .select()
    .from(deliveries)
    .where(or(eq(sql`lower(${deliveries.recipient})`, email), mentions(email, deliveries.payload)))
    .orderBy(asc(deliveries.id));
}

export function alertCandidates(db: Db, email: string) {
  return db
    .select()
    .from(alerts)
    .where(mentions(email, alerts.subjectName, alerts.message))
    .orderBy(asc(alerts.id));
}

export function spendLinesOf(db: Db, email: string) {
  return db
    .select()
    .from(spendLines)
    .where(eq(spendLines.email, email))
    .orderBy(asc(spendLines.day), asc(spendLines.id));
}

export async function ownedBy(db: Db, email: string) {
  const ownedApps = await db
    .select({ id: apps.id, name: apps.name })
    .from(apps)
    .where(eq(sql`lower(${apps.ownerEmail})`, email))
    .orderBy(asc(apps.id));
  const ownedSubscriptions = await db
    .select({ id: subscriptions.id, name: sql<string>`${apps.name} || ' ' || ${subscriptions.plan}` })
    .from(subscriptions)
    .innerJoin(apps, eq(apps.id, subscriptions.appId))
    .where(eq(sql`lower(${subscriptions.ownerEmail})`, email))
    .orderBy(asc(subscriptions.id));
  return { ownedApps, ownedSubscriptions };
}

export function ssoCodesOf(db: Db, email: string) {
  return db
    .select({
      redirect: ssoDeviceCodes.redirect,
      createdAt: ssoDeviceCodes.createdAt,
      expiresAt: ssoDeviceCodes.expiresAt,
    })
    .from(ssoDeviceCodes)
    .where(eq(sql`lower(${ssoDeviceCodes.email})`, email))
    .orderBy(asc(ssoDeviceCodes.createdAt));
}
