// A subject access export: gathers every record naming one person, keeps only exact matches of their email, and
// audits that it was taken (who and which person; none of the data).
import type { PersonExport } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { valueNamesEmail } from '../domain/person-export.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import {
  alertCandidates,
  auditCandidates,
  connectorRunCandidates,
  deliveryCandidates,
  getExportedPerson,
  ownedBy,
  personRecords,
  spendLinesOf,
  ssoCodesOf,
} from '../queries/person-export.ts';

const iso = (at: Date) => at.toISOString();
const isoOrNull = (at: Date | null) => (at ? at.toISOString() : null);

type AuditRow = Awaited<ReturnType<typeof auditCandidates>>[number];
const auditEntry = (row: AuditRow) => ({
  id: row.id,
  at: iso(row.at),
  actor: row.actor,
  action: row.action,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  before: row.before ?? null,
  after: row.after ?? null,
});

export async function exportPersonData(deps: { db: Db }, id: number, actor: string, now: Date): Promise<PersonExport> {
  const { db } = deps;
  const person = await getExportedPerson(db, id);
  if (!person) throw notFound('The person');
  const { email } = person;
  const records = await personRecords(db, id, email);
  const reclaimIds = records.reclaims.map((r) => r.id);
  const seatIds = [...records.seats.map((s) => s.id), ...records.reclaims.flatMap((r) => (r.seatId ? [r.seatId] : []))];
  const audit = await auditCandidates(db, email, [
    { type: 'person', ids: [String(id)] },
    { type: 'user', ids: records.account ? [String(records.account.id)] : [] },
    { type: 'device', ids: records.devices.map((d) => d.id) },
    { type: 'seat', ids: seatIds.map(String) },
    { type: 'reclaim', ids: reclaimIds.map(String) },
  ]);
  const isStep = (row: AuditRow) =>
    row.subjectType === 'reclaim' && reclaimIds.map(String).includes(row.subjectId ?? '');
  const aboutThem = (row: AuditRow) =>
    (row.subjectType === 'person' && row.subjectId === String(id)) ||
    (row.subjectType === 'user' && row.subjectId === String(records.account?.id)) ||
    (row.subjectType === 'device' && records.devices.some((d) => d.id === row.subjectId)) ||
    (row.subjectType === 'seat' && seatIds.map(String).includes(row.subjectId ?? '')) ||
    [row.actor, row.before, row.after].some((value) => valueNamesEmail(value, email));
  const runs = (await connectorRunCandidates(db, email, reclaimIds)).filter(
    (run) => (run.reclaimId !== null && reclaimIds.includes(run.reclaimId)) || valueNamesEmail(run.counts, email),
  );
  const sentTo = (recipient: string | null) => recipient?.toLowerCase() === email;
  const deliveries = (await deliveryCandidates(db, email)).filter(
    (d) => sentTo(d.recipient) || valueNamesEmail(d.payload, email),
  );
  const alerts = (await alertCandidates(db, email)).filter((a) => valueNamesEmail([a.subjectName, a.message], email));
  const { ownedApps, ownedSubscriptions } = await ownedBy(db, email);

  const exported: PersonExport = {
    exportedAt: iso(now),
    person: { ...person, createdAt: iso(person.createdAt), confirmedAt: isoOrNull(person.confirmedAt) },
    account: records.account && {
      ...records.account,
      createdAt: iso(records.account.createdAt),
      disabledAt: isoOrNull(records.account.disabledAt),
    },
    devices: records.devices.map((d) => ({
      ...d,
      enrolledAt: iso(d.enrolledAt),
      lastSeenAt: isoOrNull(d.lastSeenAt),
      revokedAt: isoOrNull(d.revokedAt),
      verifiedAt: isoOrNull(d.verifiedAt),
    })),
    usage: records.usage.map((u) => ({ ...u, lastActiveAt: isoOrNull(u.lastActiveAt) })),
    deviceDays: records.days,
    seats: records.seats.map((s) => ({ ...s, createdAt: iso(s.createdAt) })),
    reclaims: records.reclaims.map(({ personId: _p, updatedAt: _u, ...r }) => ({
      ...r,
      createdAt: iso(r.createdAt),
      notifiedAt: isoOrNull(r.notifiedAt),
      respondedAt: isoOrNull(r.respondedAt),
      revokedAt: isoOrNull(r.revokedAt),
      steps: audit.filter((row) => isStep(row) && row.subjectId === String(r.id)).map(auditEntry),
    })),
    connectorRuns: runs.map((run) => ({
      ...run,
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
      counts: run.counts ?? null,
    })),
    // Another person's email or a webhook post to everyone is not theirs to read: only its record that it named them.
    deliveries: deliveries.map((d) => ({
      id: d.id,
      channel: d.channel,
      recipient: sentTo(d.recipient) ? d.recipient : null,
      event: d.event,
      state: d.state,
      attempts: d.attempts,
      createdAt: iso(d.createdAt),
      deliveredAt: isoOrNull(d.deliveredAt),
      payload: sentTo(d.recipient) ? d.payload : null,
    })),
    alerts: alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      subjectName: a.subjectName,
      state: a.state,
      message: a.message,
      createdAt: iso(a.createdAt),
    })),
    spendLines: (await spendLinesOf(db, email)).map((line) => ({
      id: line.id,
      day: line.day,
      merchant: line.merchant,
      amount: line.amount,
      currency: line.currency,
      memo: line.memo,
      source: line.source,
      appId: line.appId,
      importedAt: iso(line.importedAt),
    })),
    ownership: [
      ...ownedApps.map((a) => ({ kind: 'app' as const, id: a.id, name: a.name })),
      ...ownedSubscriptions.map((s) => ({ kind: 'subscription' as const, id: String(s.id), name: s.name })),
    ],
    ssoDeviceCodes: (await ssoCodesOf(db, email)).map((c) => ({
      redirect: c.redirect,
      createdAt: iso(c.createdAt),
      expiresAt: iso(c.expiresAt),
    })),
    audit: audit.filter((row) => !isStep(row) && aboutThem(row)).map(auditEntry),
  };
  await recordAudit(db, { actor, action: 'person.exported', subjectType: 'person', subjectId: id });
  return exported;
}
