// /connectors: a subscription's SCIM 2.0 endpoint (token write-only), syncs (dryRun previews), connection tests, runs.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  ConnectionTest,
  Connector,
  ConnectorRun,
  ConnectorSyncReply,
  CreateConnectorBody,
  TestConnectionBody,
  UpdateConnectorBody,
} from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { syncConnector } from '../services/connector-sync.ts';
import {
  createConnector,
  getConnector,
  listConnectorRuns,
  listConnectors,
  removeConnector,
  testConnection,
  testSavedConnector,
  updateConnector,
} from '../services/connectors.ts';

const ListQuery = z.object({ subscriptionId: z.coerce.number().int().positive().optional() });
const SyncQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The number of removals someone confirmed, past the mass-deletion guard. */
  confirmRemovals: z.coerce.number().int().min(0).optional(),
});

const tags = ['connectors'];
const docs = {
  list: describeRoute({
    summary: 'Connectors (never their tokens)',
    tags,
    responses: { 200: { description: 'The connectors.', schema: z.array(Connector) } },
  }),
  create: describeRoute({
    summary: "Connect a subscription to its vendor's SCIM 2.0 endpoint",
    tags,
    description:
      'One connector a subscription (409 connector_exists). The token is stored encrypted and never shown again. ' +
      'The base URL must be https unless the server allows private addresses (SEATWISE_CONNECTORS_ALLOW_PRIVATE=1).',
    responses: { 201: { description: 'The connector.', schema: Connector } },
  }),
  get: describeRoute({ summary: 'One connector', tags, responses: { 200: { description: 'It.', schema: Connector } } }),
  update: describeRoute({
    summary: 'Change a connector (a new token replaces the stored one)',
    tags,
    responses: { 200: { description: 'The connector.', schema: Connector } },
  }),
  remove: describeRoute({
    summary: 'Delete a connector (its seats stay; its runs go)',
    tags,
    responses: { 204: { description: 'Deleted.' } },
  }),
  sync: describeRoute({
    summary: "Read every page of the vendor's /Users and apply it as the whole seat list (dryRun=true previews)",
    tags,
    description:
      'Active users with an email are the seats (the primary email, else userName when it is one); the rest are ' +
      'skipped with a reason. The reply has the seat import shape (mode replace) plus users, pages and runId. A ' +
      'page that fails (timeout, 5xx or 429 after retries, a malformed page) stores nothing: 502 vendor_failed ' +
      'naming the page. Removing more than maxDeletionShare of the seats answers 409 mass_deletion unless ' +
      'confirmRemovals is at least that many.',
    responses: { 200: { description: 'What was (or would be) changed.', schema: ConnectorSyncReply } },
  }),
  runs: describeRoute({
    summary: 'Every sync, preview, connection test and deprovision call of a connector, newest first',
    tags,
    responses: { 200: { description: 'The runs.', schema: z.array(ConnectorRun) } },
  }),
  test: describeRoute({
    summary: 'Test a base URL and token before saving them (reads /ServiceProviderConfig and one user)',
    tags,
    responses: { 200: { description: 'The outcome, in words.', schema: ConnectionTest } },
  }),
  testSaved: describeRoute({
    summary: "Test a saved connector's connection (recorded as a run)",
    tags,
    responses: { 200: { description: 'The outcome, in words.', schema: ConnectionTest } },
  }),
};

export function connectorRoutes(deps: AppDeps) {
  const actor = (c: { get: (key: 'principal') => Parameters<typeof actorOf>[0] }) => actorOf(c.get('principal'));
  return new Hono<AppEnv>()
    .get('/connectors', docs.list, requireRole('it'), validate('query', ListQuery), async (c) =>
      c.json(await listConnectors(deps, c.req.valid('query').subscriptionId)),
    )
    .post('/connectors', docs.create, requireRole('it'), validate('json', CreateConnectorBody), async (c) =>
      c.json(await createConnector(deps, c.req.valid('json'), actor(c)), 201),
    )
    .post('/connectors/test', docs.test, requireRole('it'), validate('json', TestConnectionBody), async (c) =>
      c.json(await testConnection(deps, c.req.valid('json'))),
    )
    .get('/connectors/:id', docs.get, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await getConnector(deps, c.req.valid('param').id)),
    )
    .patch(
      '/connectors/:id',
      docs.update,
      requireRole('it'),
      validate('param', IdParam),
      validate('json', UpdateConnectorBody),
      async (c) => c.json(await updateConnector(deps, c.req.valid('param').id, c.req.valid('json'), actor(c))),
    )
    .delete('/connectors/:id', docs.remove, requireRole('it'), validate('param', IdParam), async (c) => {
      await removeConnector(deps, c.req.valid('param').id, actor(c));
      return c.body(null, 204);
    })
    .post(
      '/connectors/:id/sync',
      docs.sync,
      requireRole('it'),
      validate('param', IdParam),
      validate('query', SyncQuery),
      async (c) => {
        const { dryRun, confirmRemovals } = c.req.valid('query');
        return c.json(
          await syncConnector(deps, c.req.valid('param').id, {
            dryRun,
            actor: actor(c),
            confirmRemovals: confirmRemovals ?? null,
          }),
        );
      },
    )
    .post('/connectors/:id/test', docs.testSaved, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await testSavedConnector(deps, c.req.valid('param').id, actor(c))),
    )
    .get('/connectors/:id/runs', docs.runs, requireRole('it'), validate('param', IdParam), async (c) =>
      c.json(await listConnectorRuns(deps, c.req.valid('param').id)),
    );
}
