// Revoking a seat on a connected subscription removes the account at the vendor first: deactivate or delete per the
// connector. Only the vendor's 2xx (or 404: already gone) lets the seat go; a refusal keeps the reclaim ready, says
// what the vendor answered, and is recorded as a run and in the audit log like every vendor call.
import type { Reclaim } from '../contract.ts';
import { UpstreamFailed } from '../errors.ts';
import { getConnectorOfSubscription, recordRun, setVendorProblem } from '../queries/connectors.ts';
import { ScimCallError } from '../scim/scim-client.ts';
import { deprovisionUser } from '../scim/scim-users.ts';
import { type ConnectorDeps, clientOfConnector, retrySummary } from './connector-client.ts';

/** The vendor's confirmation in words, or null when the subscription's connector does not deprovision. */
export async function deprovisionAtVendor(
  deps: ConnectorDeps,
  reclaim: Reclaim,
  actor: string,
): Promise<string | null> {
  if (reclaim.subscriptionId === null) return null;
  const connector = await getConnectorOfSubscription(deps.db, reclaim.subscriptionId);
  if (!connector || connector.deprovision === 'none') return null;
  const action = connector.deprovision;
  const startedAt = deps.now();
  const client = await clientOfConnector(deps, connector);
  const run = { connectorId: connector.id, kind: 'deprovision', actor, startedAt, reclaimId: reclaim.id } as const;
  const audit = (outcome: string, after: Record<string, unknown>) => ({
    actor,
    action: 'connector.deprovision',
    subjectType: 'reclaim',
    subjectId: reclaim.id,
    after: { outcome, connectorId: connector.id, email: reclaim.email, action, ...after },
  });
  try {
    const done = await deprovisionUser(client, reclaim.email, action);
    await recordRun(
      deps.db,
      {
        ...run,
        outcome: 'ok',
        finishedAt: deps.now(),
        vendorStatus: done.status,
        counts: { email: reclaim.email, action, result: done.outcome },
        message: `${done.detail}.${retrySummary(client)}`,
      },
      audit('ok', { result: done.outcome, vendorStatus: done.status }),
    );
    return done.detail;
  } catch (error) {
    if (!(error instanceof ScimCallError)) throw error;
    const problem = `The vendor did not ${action} ${reclaim.email}: ${error.message}.`;
    await setVendorProblem(deps.db, reclaim.id, problem);
    await recordRun(
      deps.db,
      {
        ...run,
        outcome: 'failed',
        finishedAt: deps.now(),
        vendorStatus: error.status,
        counts: { email: reclaim.email, action },
        message: `${problem}${retrySummary(client)}`,
      },
      audit('failed', { vendorStatus: error.status }),
    );
    throw new UpstreamFailed(
      'vendor_failed',
      `${problem} The seat is kept and the reclaim stays ready to revoke: fix it at the vendor and retry.`,
    );
  }
}
