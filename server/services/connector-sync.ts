// Syncing a connector: read every page of the vendor's /Users and apply the active users as the whole seat list
// through the seat import (mode=replace), all or nothing, behind the mass-deletion guard; every run recorded.
import type { ConnectorSyncReply } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { checkDeletions } from '../domain/scim/deletion-guard.ts';
import { planScimSeatList } from '../domain/scim/seat-list.ts';
import { Conflict, notFound, SeatwiseError, UpstreamFailed } from '../errors.ts';
import { dueConnectorIds, getConnector, recordRun } from '../queries/connectors.ts';
import { loadImportedSeats } from '../queries/seat-import.ts';
import { PageFailed, readAllUsers } from '../scim/scim-users.ts';
import type { JobRequests } from './changes.ts';
import { type ConnectorDeps, clientOfConnector, retrySummary } from './connector-client.ts';
import { applySeatListPlan } from './seat-import.ts';

export type SyncRequest = { dryRun: boolean; actor: string; confirmRemovals: number | null };

export async function syncConnector(
  deps: ConnectorDeps & { jobs?: JobRequests | undefined },
  id: number,
  request: SyncRequest,
): Promise<ConnectorSyncReply> {
  const { db } = deps;
  const connector = await getConnector(db, id);
  if (!connector) throw notFound('The connector');
  const client = await clientOfConnector(deps, connector);
  const startedAt = deps.now();
  const kind = request.dryRun ? 'preview' : 'sync';
  const base = { connectorId: id, kind, actor: request.actor, startedAt } as const;
  const audit = (outcome: string, after: Record<string, unknown>) => ({
    actor: request.actor,
    action: `connector.${kind}`,
    subjectType: 'connector',
    subjectId: id,
    after: { outcome, subscriptionId: connector.subscriptionId, ...after },
  });

  let listed: Awaited<ReturnType<typeof readAllUsers>>;
  try {
    listed = await readAllUsers(client);
  } catch (error) {
    if (!(error instanceof PageFailed)) throw error;
    const message = `Nothing was changed: ${error.message}.${retrySummary(client)}`;
    await recordRun(
      db,
      { ...base, outcome: 'failed', finishedAt: deps.now(), vendorStatus: error.status, message },
      audit('failed', { page: error.page, vendorStatus: error.status }),
    );
    throw new UpstreamFailed('vendor_failed', message);
  }

  const existing = await loadImportedSeats(db, connector.subscriptionId);
  const plan = planScimSeatList({ users: listed.users, existing, assignedAt: utcDay(startedAt) });
  const guard = checkDeletions({
    seats: existing.length,
    removing: plan.remove.length,
    maxShare: connector.maxDeletionShare,
    confirmedRemovals: request.confirmRemovals,
  });
  if (!guard.ok) {
    if (!request.dryRun) {
      await recordRun(
        db,
        {
          ...base,
          outcome: 'blocked',
          finishedAt: deps.now(),
          message: guard.message,
          counts: { removing: plan.remove.length },
        },
        audit('blocked', { removing: plan.remove.length, seats: existing.length }),
      );
      throw new Conflict('mass_deletion', guard.message);
    }
    plan.warnings.push(guard.message);
  }

  const reply = await applySeatListPlan(deps, {
    subscriptionId: connector.subscriptionId,
    plan,
    mode: 'replace',
    dryRun: request.dryRun,
    actor: request.actor,
    action: 'connector.sync',
    auditExtra: { connectorId: id },
  });
  const counts = {
    users: listed.users.length,
    pages: listed.pages,
    added: reply.added,
    updated: reply.updated,
    removed: reply.removed,
    skipped: reply.skipped.length,
  };
  const runId = await recordRun(
    db,
    {
      ...base,
      outcome: 'ok',
      finishedAt: deps.now(),
      counts,
      message:
        `${listed.users.length} users over ${listed.pages} page${listed.pages === 1 ? '' : 's'}: ` +
        `${reply.added} added, ${reply.removed} removed, ${reply.skipped.length} skipped.${retrySummary(client)}`,
    },
    // A sync's seat changes are audited with the import itself (connector.sync); a preview changes nothing.
    request.dryRun ? audit('ok', counts) : null,
  );
  return { ...reply, users: listed.users.length, pages: listed.pages, runId };
}

/**
 * The scheduled sync (under the job lease): every connector whose period has passed, one after another. A failed or
 * blocked sync is recorded as its run and does not stop the others; replies how many were synced.
 */
export async function syncDueConnectors(deps: ConnectorDeps, now: Date): Promise<number> {
  const due = await dueConnectorIds(deps.db, now);
  let synced = 0;
  for (const id of due) {
    try {
      await syncConnector({ ...deps, now: () => now }, id, { dryRun: false, actor: 'system', confirmRemovals: null });
      synced += 1;
    } catch (error) {
      if (!(error instanceof SeatwiseError)) throw error;
    }
  }
  return synced;
}
