// Setting up connectors: one per subscription, the token write-only and sealed, the URL checked; a connection test
// that reads the vendor's config and first page without storing anything of theirs; the runs.
import type { ConnectionTest, Connector, ConnectorRun, CreateConnectorBody, UpdateConnectorBody } from '../contract.ts';
import { pageSizeFrom, patchSupportedIn, readListPage } from '../domain/scim/list-response.ts';
import { Conflict, Invalid, notFound } from '../errors.ts';
import * as stored from '../queries/connectors.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { DEFAULT_CONNECTOR_SETTINGS } from '../scim/connector-settings.ts';
import { ScimCallError, type ScimClient } from '../scim/scim-client.ts';
import { DEFAULT_PAGE_SIZE, readServiceProviderConfig } from '../scim/scim-users.ts';
import { type ConnectorDeps, clientOfConnector, scimClientFor } from './connector-client.ts';
import { offerLeaverReclaims } from './offboarding.ts';

export const listConnectors = (deps: ConnectorDeps, subscriptionId?: number) =>
  stored.listConnectors(deps.db, subscriptionId);

export async function getConnector(deps: ConnectorDeps, id: number): Promise<Connector> {
  const connector = await stored.getConnector(deps.db, id);
  if (!connector) throw notFound('The connector');
  return connector;
}

/** Plain http only where private addresses are allowed (a test vendor, one on the premises): a token goes over it. */
function checkUrl(deps: ConnectorDeps, baseUrl: string): void {
  const allowPrivate = (deps.connectors ?? DEFAULT_CONNECTOR_SETTINGS).allowPrivate;
  if (!allowPrivate && new URL(baseUrl).protocol !== 'https:')
    throw new Invalid(
      'insecure_url',
      'The base URL must start with https://: the vendor token must not travel in clear.',
    );
}

export async function createConnector(deps: ConnectorDeps, input: CreateConnectorBody, actor: string) {
  const { db } = deps;
  if (!(await getSubscription(db, input.subscriptionId))) throw notFound('The subscription');
  checkUrl(deps, input.baseUrl);
  if (await stored.getConnectorOfSubscription(db, input.subscriptionId))
    throw new Conflict('connector_exists', 'This subscription already has a connector: change or delete that one.');
  const { token: _token, ...shown } = input;
  const id = await stored.insertConnector(
    db,
    input,
    { actor, action: 'connector.create', subjectType: 'connector', after: shown },
    deps.now(),
  );
  // Leavers' seats on this subscription are ready to revoke at the vendor from now on.
  await offerLeaverReclaims(deps, actor);
  return getConnector(deps, id);
}

export async function updateConnector(deps: ConnectorDeps, id: number, change: UpdateConnectorBody, actor: string) {
  const before = await getConnector(deps, id);
  if (change.baseUrl !== undefined) checkUrl(deps, change.baseUrl);
  const { token, ...shown } = change;
  await stored.updateConnector(
    deps.db,
    id,
    change,
    {
      actor,
      action: 'connector.update',
      subjectType: 'connector',
      subjectId: id,
      before: { baseUrl: before.baseUrl, deprovision: before.deprovision, syncEveryHours: before.syncEveryHours },
      after: { ...shown, ...(token === undefined ? {} : { token: 'replaced' }) },
    },
    deps.now(),
  );
  return getConnector(deps, id);
}

export async function removeConnector(deps: ConnectorDeps, id: number, actor: string): Promise<void> {
  const before = await getConnector(deps, id);
  await stored.deleteConnector(deps.db, id, {
    actor,
    action: 'connector.delete',
    subjectType: 'connector',
    subjectId: id,
    before: { subscriptionId: before.subscriptionId, baseUrl: before.baseUrl },
  });
}

export async function listConnectorRuns(deps: ConnectorDeps, id: number): Promise<ConnectorRun[]> {
  await getConnector(deps, id);
  return stored.listRuns(deps.db, id, 200);
}

async function probe(client: ScimClient): Promise<ConnectionTest> {
  try {
    const config = await readServiceProviderConfig(client);
    const { body } = await client.request('GET', '/Users', { query: { startIndex: '1', count: '1' } });
    const page = readListPage(body);
    if (!page.ok)
      return {
        ok: false,
        users: null,
        pageSize: null,
        patchSupported: null,
        vendorStatus: 200,
        message: `The vendor answered, but /Users is not a SCIM user list (${page.problem}).`,
      };
    return {
      ok: true,
      users: page.page.totalResults,
      pageSize: pageSizeFrom(config, DEFAULT_PAGE_SIZE, 1_000),
      patchSupported: patchSupportedIn(config),
      vendorStatus: 200,
      message: `Connected: the vendor lists ${page.page.totalResults} users.`,
    };
  } catch (error) {
    if (!(error instanceof ScimCallError)) throw error;
    const hint =
      error.status === 401 || error.status === 403
        ? ' Check the token and that it may read users.'
        : error.status === 404
          ? ' Check the base URL: it should end where /Users begins (often /scim/v2).'
          : '';
    return {
      ok: false,
      users: null,
      pageSize: null,
      patchSupported: null,
      vendorStatus: error.status,
      message: `Could not connect: ${error.message}.${hint}`,
    };
  }
}

/** A connection test before saving (the form's button); records nothing. */
export async function testConnection(deps: ConnectorDeps, input: { baseUrl: string; token: string }) {
  checkUrl(deps, input.baseUrl);
  return probe(scimClientFor(deps, input.baseUrl, input.token));
}

/** A saved connector's connection test, recorded as a run. */
export async function testSavedConnector(deps: ConnectorDeps, id: number, actor: string): Promise<ConnectionTest> {
  const connector = await getConnector(deps, id);
  const startedAt = deps.now();
  const result = await probe(await clientOfConnector(deps, connector));
  await stored.recordRun(
    deps.db,
    {
      connectorId: id,
      kind: 'test',
      outcome: result.ok ? 'ok' : 'failed',
      actor,
      startedAt,
      finishedAt: deps.now(),
      vendorStatus: result.vendorStatus,
      message: result.message,
    },
    { actor, action: 'connector.test', subjectType: 'connector', subjectId: id, after: { ok: result.ok } },
  );
  return result;
}
