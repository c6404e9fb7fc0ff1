// Connectors as stored: the token sealed on the way in and opened only for a vendor call, the runs, the due syncs.
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Connector, ConnectorRun } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { reclaims } from '../db/schema.ts';
import { connectorRuns, connectors } from '../db/schema-connectors.ts';
import { type AuditEntry, recordAudit } from './audit.ts';

type Row = typeof connectors.$inferSelect;
const TOKEN_FIELD = 'connector.token';
const HOUR_MS = 3_600_000;

export type StoredConnector = Connector & { subscriptionId: number };

function toConnector(row: Row): Connector {
  const next =
    row.syncEveryHours === 0
      ? null
      : new Date((row.lastSyncAt ?? row.createdAt).getTime() + row.syncEveryHours * HOUR_MS).toISOString();
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    kind: row.kind,
    baseUrl: row.baseUrl,
    tokenSet: row.token !== '',
    deprovision: row.deprovision,
    syncEveryHours: row.syncEveryHours,
    maxDeletionShare: row.maxDeletionShare,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastSyncOutcome: row.lastSyncOutcome,
    lastSyncMessage: row.lastSyncMessage,
    nextSyncAt: row.lastSyncAt === null && row.syncEveryHours !== 0 ? row.createdAt.toISOString() : next,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listConnectors(db: Db, subscriptionId?: number): Promise<Connector[]> {
  const rows = await db
    .select()
    .from(connectors)
    .where(subscriptionId === undefined ? undefined : eq(connectors.subscriptionId, subscriptionId))
    .orderBy(connectors.id);
  return rows.map(toConnector);
}

export async function getConnector(db: Db, id: number): Promise<Connector | null> {
  const [row] = await db.select().from(connectors).where(eq(connectors.id, id));
  return row ? toConnector(row) : null;
}

export async function getConnectorOfSubscription(db: Db, subscriptionId: number): Promise<Connector | null> {
  const [row] = await db.select().from(connectors).where(eq(connectors.subscriptionId, subscriptionId));
  return row ? toConnector(row) : null;
}

/** The vendor token, opened with the secrets-at-rest key: only for a call to the vendor, never for a reply. */
export async function openConnectorToken(db: Db, id: number): Promise<string | null> {
  const [row] = await db.select({ token: connectors.token }).from(connectors).where(eq(connectors.id, id));
  if (!row || row.token === '') return null;
  return db.$secrets.open(TOKEN_FIELD, row.token);
}

export type ConnectorFields = {
  baseUrl: string;
  token: string;
  deprovision: Connector['deprovision'];
  syncEveryHours: number;
  maxDeletionShare: number;
};

export async function insertConnector(
  db: Db,
  input: ConnectorFields & { subscriptionId: number },
  audit: Omit<AuditEntry, 'subjectId'>,
  at: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(connectors)
      .values({ ...input, kind: 'scim2', token: db.$secrets.seal(TOKEN_FIELD, input.token), updatedAt: at })
      .returning({ id: connectors.id });
    await recordAudit(tx, { ...audit, subjectId: row!.id });
    return row!.id;
  });
}

export async function updateConnector(
  db: Db,
  id: number,
  change: Partial<ConnectorFields>,
  audit: AuditEntry,
  at: Date,
): Promise<void> {
  const { token, ...rest } = change;
  await db.transaction(async (tx) => {
    await tx
      .update(connectors)
      .set({ ...rest, ...(token === undefined ? {} : { token: db.$secrets.seal(TOKEN_FIELD, token) }), updatedAt: at })
      .where(eq(connectors.id, id));
    await recordAudit(tx, audit);
  });
}

export async function deleteConnector(db: Db, id: number, audit: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(connectors).where(eq(connectors.id, id));
    await recordAudit(tx, audit);
  });
}

export type NewRun = Omit<typeof connectorRuns.$inferInsert, 'id'>;

/** A run and its audit entry; a sync's run also becomes the connector's last sync. */
export async function recordRun(db: Db, run: NewRun, audit: AuditEntry | null): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(connectorRuns).values(run).returning({ id: connectorRuns.id });
    if (run.kind === 'sync') {
      await tx
        .update(connectors)
        .set({ lastSyncAt: run.finishedAt, lastSyncOutcome: run.outcome, lastSyncMessage: run.message ?? null })
        .where(eq(connectors.id, run.connectorId));
    }
    if (audit) await recordAudit(tx, { ...audit, after: { ...(audit.after as object), runId: row!.id } });
    return row!.id;
  });
}

export async function listRuns(db: Db, connectorId: number, limit: number): Promise<ConnectorRun[]> {
  const rows = await db
    .select()
    .from(connectorRuns)
    .where(eq(connectorRuns.connectorId, connectorId))
    .orderBy(desc(connectorRuns.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    connectorId: row.connectorId,
    kind: row.kind,
    outcome: row.outcome,
    actor: row.actor,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    counts: (row.counts as ConnectorRun['counts']) ?? null,
    vendorStatus: row.vendorStatus,
    message: row.message,
    reclaimId: row.reclaimId,
  }));
}

/** Connectors whose scheduled sync is due at `now` (never synced, or the last sync older than its period). */
export async function dueConnectorIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .select({ id: connectors.id })
    .from(connectors)
    .where(
      and(
        gt(connectors.syncEveryHours, 0),
        sql`${connectors.token} <> ''`,
        or(
          isNull(connectors.lastSyncAt),
          lte(connectors.lastSyncAt, sql`${now.getTime()} - ${connectors.syncEveryHours} * ${HOUR_MS}`),
        ),
      ),
    );
  return rows.map((r) => r.id);
}

export async function setVendorProblem(db: Db, reclaimId: number, problem: string | null): Promise<void> {
  await db.update(reclaims).set({ vendorProblem: problem }).where(eq(reclaims.id, reclaimId));
}
